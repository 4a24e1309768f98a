namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// δ(a, b): 1 when the indices a and b are equal, else 0 — what ∂W[d,h]/∂W[d',h'] = δ(d,d')·δ(h,h') is
/// made of. Canonical: the arguments in order, δ(a, a) = 1, and δ of two different numbers 0.
/// </summary>
public sealed class KroneckerDelta : Expr
{
    /// <summary>The first index (the lesser in canonical order).</summary>
    public Expr A { get; }

    /// <summary>The second index.</summary>
    public Expr B { get; }

    private KroneckerDelta(Expr a, Expr b) : base(HashCode.Combine(0xDE17A, a, b))
    {
        A = a;
        B = b;
    }

    internal override int Rank => 9;

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [A, B];

    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (KroneckerDelta)other;
        return A.Equals(o.A) && B.Equals(o.B);
    }

    /// <summary>δ(<paramref name="a"/>, <paramref name="b"/>), canonical.</summary>
    public static Expr Of(Expr a, Expr b)
    {
        if (a.Equals(b)) return Number.One;
        if (a is Number && b is Number) return Number.Zero;
        return ExprOrder.Instance.Compare(a, b) <= 0 ? new KroneckerDelta(a, b) : new KroneckerDelta(b, a);
    }
}
