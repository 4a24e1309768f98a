using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// One spec as <c>check</c> met it: either checked (<see cref="Check"/>) or unreadable (<see cref="Error"/>,
/// the located message), with the time it took. Reports that list every spec — the JUnit file — need
/// both kinds in the order the specs were given.
/// </summary>
/// <param name="File">The spec's path as given or found.</param>
/// <param name="Check">The checked verdict, or null when the spec could not be read.</param>
/// <param name="Error">The located message for an unreadable spec, or null.</param>
/// <param name="Time">Reading and checking time.</param>
public sealed record CheckedSpec(string File, ModelCheck? Check, string? Error, TimeSpan Time);
