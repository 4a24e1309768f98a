using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Matrices;

/// <summary>
/// A matrix (or vector) symbol of symbolic dimension, optionally inverted: Σ[c], Σ[c]⁻¹ or μ[c], the
/// slice of a parameter block at leading indices <see cref="Lead"/>.
/// </summary>
/// <param name="Name">The block's name.</param>
/// <param name="Lead">The leading indices that select the slice (c in Sigma[c]).</param>
/// <param name="Inverse">True for the inverse of the symbol.</param>
public sealed record MatrixAtom(string Name, ImmutableArray<Expr> Lead, bool Inverse)
{
    /// <summary>The atom's inverse.</summary>
    public MatrixAtom Inverted() => this with { Inverse = !Inverse };

    /// <summary>True when this atom and <paramref name="other"/> are one matrix and its inverse.</summary>
    public bool Cancels(MatrixAtom other) => Inverse != other.Inverse && Same(other);

    /// <summary>True for the same matrix, inverted or not.</summary>
    public bool Same(MatrixAtom other) => Name == other.Name && Lead.SequenceEqual(other.Lead);

    /// <inheritdoc/>
    public bool Equals(MatrixAtom? other) => other is not null && Inverse == other.Inverse && Same(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Name, StringComparer.Ordinal);
        h.Add(Inverse);
        foreach (var l in Lead) h.Add(l);
        return h.ToHashCode();
    }

    /// <summary>The atom as the expression language writes it: Sigma[c] or Sigma[c]^-1.</summary>
    public override string ToString() => (Lead.IsEmpty ? Name : $"{Name}[{string.Join(",", Lead)}]") + (Inverse ? "^-1" : "");
}
