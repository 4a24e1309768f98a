namespace CriterionCheck.Symbolics.Printing;

/// <summary>
/// Binding strength of printed forms, loosest first. Both printers consult this one table: an operand
/// is parenthesised when its precedence is below what its position requires.
/// </summary>
public enum Precedence
{
    /// <summary>a + b, a − b.</summary>
    Sum = 1,
    /// <summary>a·b, a/b, −a.</summary>
    Product = 2,
    /// <summary>a^b.</summary>
    Power = 3,
    /// <summary>Names, calls, non-negative integers, roots: never parenthesised.</summary>
    Atom = 4,
}
