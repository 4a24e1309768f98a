using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// A variable: a parameter, a latent, an observable or a plate index, optionally indexed
/// (<c>W[d,h]</c>, <c>pi[1]</c>). Two symbols are the same when name and indices are equal.
/// </summary>
public sealed class Symbol : Expr
{
    /// <summary>The base name, e.g. "W".</summary>
    public string Name { get; }

    /// <summary>The index expressions, empty for a scalar.</summary>
    public ImmutableArray<Expr> Indices { get; }

    private Symbol(string name, ImmutableArray<Expr> indices) : base(ComputeHash(name, indices))
    {
        Name = name;
        Indices = indices;
    }

    private static int ComputeHash(string name, ImmutableArray<Expr> indices)
    {
        var h = new HashCode();
        h.Add(0x5E);
        h.Add(name, StringComparer.Ordinal);
        foreach (var i in indices) h.Add(i);
        return h.ToHashCode();
    }

    /// <summary>The scalar symbol <paramref name="name"/>.</summary>
    public static Symbol Of(string name) => new(name, ImmutableArray<Expr>.Empty);

    /// <summary>The indexed symbol <c>name[indices]</c>.</summary>
    public static Symbol Of(string name, params Expr[] indices) => new(name, [.. indices]);

    /// <summary>The indexed symbol <c>name[indices]</c> with integer indices.</summary>
    public static Symbol Of(string name, params int[] indices) => new(name, [.. indices.Select(i => (Expr)Number.Of(i))]);

    /// <summary>The indexed symbol <c>name[indices]</c>.</summary>
    public static Symbol Of(string name, ImmutableArray<Expr> indices) => new(name, indices);

    internal override int Rank => 2;
    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => Indices;

    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (Symbol)other;
        return string.Equals(Name, o.Name, StringComparison.Ordinal) && Indices.SequenceEqual(o.Indices);
    }
}
