namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// A symbolic operation cannot be carried out on its input (division by zero, differentiation by a
/// non-symbol, a malformed function argument). Callers report it as bad input, never as a crash.
/// </summary>
public sealed class SymbolicException(string message) : Exception(message);
