namespace CriterionCheck.Numerics;

/// <summary>A model, data set or parameter point the numeric checks cannot work with, and why.</summary>
public sealed class NumericException(string message) : Exception(message);
