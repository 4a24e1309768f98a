namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// The canonical total order on expressions: a power sorts with its base (higher exponents first),
/// otherwise by node kind (numbers, constants, symbols, functions, opaque calls, products, sums),
/// then by content. Sums and products sort their operands with it,
/// so construction is deterministic whatever order the operands came in.
/// </summary>
public sealed class ExprOrder : IComparer<Expr>
{
    /// <summary>The single instance.</summary>
    public static readonly ExprOrder Instance = new();

    private ExprOrder() { }

    /// <inheritdoc/>
    public int Compare(Expr? x, Expr? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        // Powers sort next to their base, higher powers first, so sums read x^2 + x + 1.
        var (bx, ex) = BaseAndExponent(x);
        var (by, ey) = BaseAndExponent(y);
        if (!ReferenceEquals(bx, x) || !ReferenceEquals(by, y))
        {
            var c = Compare(bx, by);
            return c != 0 ? c : Compare(ey, ex);
        }
        var rank = x.Rank.CompareTo(y.Rank);
        if (rank != 0) return rank;
        switch (x)
        {
            case Number nx: return nx.Value.CompareTo(((Number)y).Value);
            case Constant cx: return string.CompareOrdinal(cx.Name, ((Constant)y).Name);
            case Symbol sx:
            {
                var sy = (Symbol)y;
                var c = string.CompareOrdinal(sx.Name, sy.Name);
                return c != 0 ? c : CompareLists(sx.Indices.AsSpan(), sy.Indices.AsSpan());
            }
            case FunctionCall fx:
            {
                var fy = (FunctionCall)y;
                var c = fx.Function.CompareTo(fy.Function);
                return c != 0 ? c : CompareLists(fx.Arguments.AsSpan(), fy.Arguments.AsSpan());
            }
            case OpaqueCall ox:
            {
                var oy = (OpaqueCall)y;
                var c = string.CompareOrdinal(ox.Name, oy.Name);
                if (c == 0) c = CompareLists(ox.Indices.AsSpan(), oy.Indices.AsSpan());
                if (c == 0) c = CompareLists(ox.Arguments.AsSpan(), oy.Arguments.AsSpan());
                if (c == 0) c = ox.InputCount.CompareTo(oy.InputCount);
                if (c == 0) c = ox.Derivatives.Length.CompareTo(oy.Derivatives.Length);
                for (var i = 0; c == 0 && i < ox.Derivatives.Length; i++) c = ox.Derivatives[i].CompareTo(oy.Derivatives[i]);
                return c;
            }
            case Product px:
            {
                var py = (Product)y;
                // Compare from the most significant (last) factor, as in graded orderings.
                var c = CompareListsFromEnd(px.Factors.AsSpan(), py.Factors.AsSpan());
                return c != 0 ? c : px.Coefficient.CompareTo(py.Coefficient);
            }
            case Sum sx:
            {
                var sy = (Sum)y;
                var c = CompareListsFromEnd(sx.Terms.AsSpan(), sy.Terms.AsSpan());
                return c != 0 ? c : sx.Constant.CompareTo(sy.Constant);
            }
            case KroneckerDelta dx:
            {
                var dy = (KroneckerDelta)y;
                var c = Compare(dx.A, dy.A);
                return c != 0 ? c : Compare(dx.B, dy.B);
            }
            case IndexedSum ix:
            {
                var iy = (IndexedSum)y;
                var c = ix.Level.CompareTo(iy.Level);
                if (c == 0) c = Compare(ix.Upper, iy.Upper);
                return c != 0 ? c : Compare(ix.Body, iy.Body);
            }
            case MatrixFunction mx:
            {
                var my = (MatrixFunction)y;
                var c = mx.Kind.CompareTo(my.Kind);
                if (c == 0) c = mx.Row.CompareTo(my.Row);
                if (c == 0) c = mx.Column.CompareTo(my.Column);
                return c != 0 ? c : CompareLists(mx.Entries.AsSpan(), my.Entries.AsSpan());
            }
            default: throw new InvalidOperationException("unknown expression node " + x.GetType().Name);
        }
    }

    private static (Expr Base, Expr Exponent) BaseAndExponent(Expr e) =>
        e is Power p ? (p.Base, p.Exponent) : (e, Number.One);

    // Spans, not IReadOnlyList: boxing two ImmutableArrays per comparison dominated sorting large sums.
    private int CompareLists(ReadOnlySpan<Expr> a, ReadOnlySpan<Expr> b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private int CompareListsFromEnd(ReadOnlySpan<Expr> a, ReadOnlySpan<Expr> b)
    {
        for (int i = a.Length - 1, j = b.Length - 1; i >= 0 && j >= 0; i--, j--)
        {
            var c = Compare(a[i], b[j]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
