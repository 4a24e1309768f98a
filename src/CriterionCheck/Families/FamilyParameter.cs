using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>What shape of argument a family parameter takes.</summary>
public enum ArgumentKind
{
    /// <summary>One scalar expression.</summary>
    Scalar,
    /// <summary>A vector: a parameter slice such as <c>pi</c> or <c>mu[c]</c>.</summary>
    Vector,
    /// <summary>A square matrix: a parameter slice such as <c>Sigma[c]</c>.</summary>
    Matrix,
    /// <summary>A known positive integer written as a literal (the n of a binomial).</summary>
    KnownCount,
}

/// <summary>
/// One standard parameter of an instantiated family: its name, kind and domain, and the symbols that
/// stand for its entries in the family's natural map.
/// </summary>
/// <param name="Name">The name, e.g. "variance".</param>
/// <param name="Kind">Scalar, vector, matrix or known count.</param>
/// <param name="Domain">Where its entries range.</param>
/// <param name="Entries">
/// One symbol per entry, row-major; dependent entries (a simplex's last, a symmetric matrix's lower
/// triangle) are listed too. A symmetric matrix's lower triangle never occurs in the natural map; a
/// simplex's last entry may, tied to the others by <see cref="ExponentialFamily.Constraints"/>.
/// </param>
public sealed record FamilyParameter(string Name, ArgumentKind Kind, ParameterDomain Domain, ImmutableArray<Symbol> Entries)
{
    /// <summary>A scalar parameter named <paramref name="name"/>.</summary>
    public static FamilyParameter Scalar(string name, ParameterDomain domain) =>
        new(name, ArgumentKind.Scalar, domain, [Symbol.Of(name)]);
}
