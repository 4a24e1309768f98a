using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>
/// A parameter as declared, <c>param W[D, H] real</c>: a block of scalar elements W[d,h] with 1-based
/// indices. Simplex and positive-definite blocks have dependent elements: a simplex's last entry is
/// 1 − Σ others, a covariance's entry [j,i] is entry [i,j]; expressions only ever contain free elements.
/// </summary>
public sealed class ParameterBlock
{
    /// <summary>A block named <paramref name="name"/> of shape <paramref name="shape"/>.</summary>
    public ParameterBlock(string name, ImmutableArray<Dimension> shape, ParameterDomain domain, int line)
    {
        Name = name;
        Shape = shape;
        Domain = domain;
        Line = line;
        Indices = [.. IndexTuples.Over([.. shape.Select(d => d.Size)]).Select(i => ImmutableArray.Create(i))];
        FreeElements = [.. Indices.Where(IsFree).Select(i => Symbol.Of(name, [.. i]))];
    }

    /// <summary>The name, e.g. "W".</summary>
    public string Name { get; }

    /// <summary>The axes, e.g. [D, H]; empty for a scalar.</summary>
    public ImmutableArray<Dimension> Shape { get; }

    /// <summary>The declared domain.</summary>
    public ParameterDomain Domain { get; }

    /// <summary>The line of the declaration.</summary>
    public int Line { get; }

    /// <summary>Every index tuple, row-major (empty tuple for a scalar).</summary>
    public ImmutableArray<ImmutableArray<int>> Indices { get; }

    /// <summary>The elements that are free coordinates, row-major.</summary>
    public ImmutableArray<Symbol> FreeElements { get; }

    /// <summary>How the block is written in a spec, e.g. <c>W[D, H]</c>.</summary>
    public string Declaration => Shape.IsEmpty ? Name : $"{Name}[{string.Join(", ", Shape.Select(d => d.Name))}]";

    /// <summary>True when <paramref name="index"/> is a free coordinate.</summary>
    public bool IsFree(ImmutableArray<int> index) => Domain switch
    {
        ParameterDomain.Simplex => index[^1] < Shape[^1].Size,
        ParameterDomain.PositiveDefinite => index[^2] <= index[^1],
        _ => true,
    };

    /// <summary>The element at <paramref name="indices"/> (in range; checked by the caller) in free coordinates.</summary>
    public Expr Element(IReadOnlyList<Expr> indices)
    {
        switch (Domain)
        {
            case ParameterDomain.Simplex when indices[^1] is Number n && n.Value == Shape[^1].Size:
                var others = Enumerable.Range(1, Shape[^1].Size - 1).Select(k => (Expr)Symbol.Of(Name, ImmutableArray.Create([.. indices.Take(indices.Count - 1), Number.Of(k)])));
                return Number.One - Sum.Of(others);
            case ParameterDomain.PositiveDefinite when indices[^2] is Number i && indices[^1] is Number j && i.Value > j.Value:
                return Symbol.Of(Name, ImmutableArray.Create<Expr>([.. indices.Take(indices.Count - 2), j, i]));
            default:
                return Symbol.Of(Name, ImmutableArray.CreateRange(indices));
        }
    }
}
