using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Cli;

/// <summary>Bad input already formatted as file:line:column, source line and caret.</summary>
public sealed class InputException(string formatted) : Exception(formatted)
{
    /// <summary>Formats an <see cref="ExpressionException"/> raised while reading <paramref name="source"/>.</summary>
    public static InputException From(ExpressionException e, SourceText source) => new(e.Format(source));
}
