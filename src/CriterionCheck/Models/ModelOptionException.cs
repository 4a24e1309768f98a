namespace CriterionCheck.Models;

/// <summary>An option given with a spec does not fit it, e.g. <c>--dims K=3</c> for a spec without K.</summary>
public sealed class ModelOptionException(string message) : Exception(message);
