using System.Collections.Immutable;
using System.Numerics;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Printing;

/// <summary>
/// The presentation of an expression: canonical nodes turned back into the signs, fractions and roots
/// people write. Text and LaTeX printers render the same layout, so they agree on structure.
/// </summary>
public abstract record Layout
{
    /// <summary>How tightly this form binds.</summary>
    public abstract Precedence Precedence { get; }

    /// <summary>The layout of <paramref name="e"/>.</summary>
    public static Layout Of(Expr e)
    {
        // A sum's bound index must not be printed with a name that is free anywhere in the expression.
        if (depth++ == 0 && e.Children.Count > 0) foreach (var s in e.Symbols()) enclosing.Add(s.Name);
        try { return Build(e); }
        finally { if (--depth == 0) enclosing.Clear(); }
    }

    [ThreadStatic] private static int depth;

    /// <summary>
    /// When set (by <see cref="TextPrinter.PrintExplicit"/>), a matrix function lists its matrix's entries
    /// even when they are a block slice, so that the text parses back without knowing the block.
    /// </summary>
    [ThreadStatic] internal static bool Explicit;

    private static Layout Build(Expr e) => e switch
    {
        Number n => OfRational(n.Value),
        Constant c => new LName(c.Name, [], true),
        Symbol s => new LName(s.Name, [.. s.Indices.Select(Of)], false),
        Sum s => OfSum(s),
        Product p => OfProduct(p.Coefficient, p.Factors),
        Power p => OfPower(p),
        FunctionCall f => OfFunction(f),
        OpaqueCall o => new LCall(o.Name, [.. o.Indices.Select(Of)], o.Derivatives, [.. o.Arguments.Select(Of)], o.InputCount),
        MatrixFunction m => OfMatrixFunction(m),
        IndexedSum s => OfIndexedSum(s),
        KroneckerDelta d => new LName("delta", [Of(d.A), Of(d.B)], false),
        _ => throw new InvalidOperationException("unknown expression node " + e.GetType().Name),
    };

    // inv[i,j](Sigma[c]) and logdet(Sigma[c]) when the matrix is a (symmetric) slice of one block,
    // X[…, i, j] or X[…, min, max]; otherwise the entries are listed, matrix(m11, m12, …).
    private static Layout OfMatrixFunction(MatrixFunction m)
    {
        var matrix = (Explicit ? null : BlockSlice(m)) ?? new LCall("matrix", [], [], [.. m.Entries.Select(Of)], m.Entries.Length);
        return m.Kind == MatrixFunctionKind.InverseEntry
            ? new LCall("inv", [OfRational(m.Row + 1), OfRational(m.Column + 1)], [], [matrix], 1)
            : new LCall("logdet", [], [], [matrix], 1);
    }

    private static Layout? BlockSlice(MatrixFunction m)
    {
        if (m.Entries[0] is not Symbol { Indices.Length: >= 2 } first) return null;
        var prefix = first.Indices[..^2];
        bool Matches(bool symmetric)
        {
            for (var i = 0; i < m.Side; i++)
                for (var j = 0; j < m.Side; j++)
                {
                    var (r, c) = symmetric ? (Math.Min(i, j), Math.Max(i, j)) : (i, j);
                    if (!m.Entry(i, j).Equals(Symbol.Of(first.Name, prefix.AddRange(Number.Of(r + 1), Number.Of(c + 1))))) return false;
                }
            return true;
        }
        return Matches(false) || Matches(true) ? new LName(first.Name, [.. prefix.Select(Of)], false) : null;
    }

    // The bound index gets the name it was written with, unless a free name of the sum uses it: then a
    // digit is appended (h, h2, h3, …), so the printed sum means what the node means.
    private static Layout OfIndexedSum(IndexedSum s)
    {
        var taken = s.Symbols().Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
        taken.UnionWith(enclosing);
        var name = s.DisplayName;
        for (var k = 2; taken.Contains(name); k++) name = s.DisplayName + k;
        enclosing.Add(name);
        try { return new LSumOver(name, Of(s.Upper), Of(s.At(Symbol.Of(name)))); }
        finally { enclosing.Remove(name); }
    }

    // The names of the sums being laid out around the current one: an inner sum must not reuse them.
    [ThreadStatic] private static HashSet<string>? enclosingNames;
    private static HashSet<string> enclosing => enclosingNames ??= new HashSet<string>(StringComparer.Ordinal);

    private static Layout OfRational(Rational r)
    {
        Layout magnitude = r.IsInteger ? new LInteger(BigInteger.Abs(r.Numerator))
            : new LFraction([new LInteger(BigInteger.Abs(r.Numerator))], [new LInteger(r.Denominator)]);
        return r.Sign < 0 ? new LNegate(magnitude) : magnitude;
    }

    private static Layout OfSum(Sum s)
    {
        var items = new List<(bool Negative, Layout Term)>();
        foreach (var t in s.Terms) items.Add(SignedTerm(t));
        // Lead with a positive term when there is one: "b - a", not "-a + b".
        var firstPositive = items.FindIndex(i => !i.Negative);
        if (firstPositive > 0)
        {
            var lead = items[firstPositive];
            items.RemoveAt(firstPositive);
            items.Insert(0, lead);
        }
        if (!s.Constant.IsZero)
        {
            var c = (s.Constant.Sign < 0, OfRational(s.Constant.Abs()));
            // "1 - x" reads better than "-x + 1"; otherwise constants go last: "x - 1".
            if (s.Constant.Sign > 0 && items[0].Negative) items.Insert(0, c);
            else items.Add(c);
        }
        return new LSum([.. items]);
    }

    private static (bool, Layout) SignedTerm(Expr t) => t is Product p && p.Coefficient.Sign < 0
        ? (true, OfProduct(-p.Coefficient, p.Factors))
        : (false, Of(t));

    private static Layout OfProduct(Rational coefficient, IReadOnlyList<Expr> factors)
    {
        var numerator = new List<Layout>();
        var denominator = new List<Layout>();
        var magnitude = coefficient.Abs();
        if (!magnitude.Numerator.IsOne) numerator.Add(new LInteger(magnitude.Numerator));
        if (!magnitude.Denominator.IsOne) denominator.Add(new LInteger(magnitude.Denominator));
        foreach (var f in factors)
        {
            if (f is Power { Exponent: Number { Value.Sign: < 0 } e } p)
                denominator.Add(Of(Power.Of(p.Base, Number.Of(-e.Value))));
            else numerator.Add(Of(f));
        }
        Layout body = denominator.Count == 0
            ? (numerator.Count == 1 ? numerator[0] : new LProduct([.. numerator]))
            : new LFraction([.. numerator], [.. denominator]);
        return coefficient.Sign < 0 ? new LNegate(body) : body;
    }

    private static Layout OfPower(Power p)
    {
        if (p.Exponent is Number { Value: var e })
        {
            if (e == Rational.Half) return new LRoot(Of(p.Base));
            if (e.Sign < 0) return new LFraction([], [Of(Power.Of(p.Base, Number.Of(-e)))]);
        }
        return new LPower(Of(p.Base), Of(p.Exponent));
    }

    private static Layout OfFunction(FunctionCall f)
    {
        if (f.Function == FunctionKind.Exp && f.Argument.IsOne) return new LName("e", [], true);
        if (f.Function == FunctionKind.Polygamma)
        {
            var order = f.PolygammaOrder;
            return order switch
            {
                0 => new LFunction("digamma", f.Function, 0, [Of(f.Argument)]),
                1 => new LFunction("trigamma", f.Function, 1, [Of(f.Argument)]),
                _ => new LFunction("polygamma", f.Function, order, [Of(f.Arguments[0]), Of(f.Argument)]),
            };
        }
        return new LFunction(FunctionCall.Name(f.Function), f.Function, -1, [Of(f.Argument)]);
    }
}

/// <summary>A non-negative integer.</summary>
public sealed record LInteger(BigInteger Value) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Atom;
}

/// <summary>A variable or constant name with optional indices.</summary>
public sealed record LName(string Name, ImmutableArray<Layout> Indices, bool IsConstant) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Atom;
}

/// <summary>Terms with their signs.</summary>
public sealed record LSum(ImmutableArray<(bool Negative, Layout Term)> Items) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Sum;
}

/// <summary>Unary minus.</summary>
public sealed record LNegate(Layout Operand) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Product;
}

/// <summary>Factors multiplied.</summary>
public sealed record LProduct(ImmutableArray<Layout> Factors) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Product;
}

/// <summary>A quotient; an empty numerator means 1.</summary>
public sealed record LFraction(ImmutableArray<Layout> Numerator, ImmutableArray<Layout> Denominator) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Product;
}

/// <summary>base^exponent.</summary>
public sealed record LPower(Layout Base, Layout Exponent) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Power;
}

/// <summary>A square root.</summary>
public sealed record LRoot(Layout Operand) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Atom;
}

/// <summary>A built-in function call; <see cref="Order"/> is the polygamma order or −1.</summary>
public sealed record LFunction(string Name, FunctionKind Kind, int Order, ImmutableArray<Layout> Arguments) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Atom;
}

/// <summary>Σ over <see cref="Index"/> = 1..<see cref="Upper"/> of <see cref="Body"/>.</summary>
public sealed record LSumOver(string Index, Layout Upper, Layout Body) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Atom;
}

/// <summary>An opaque call or derivative atom.</summary>
public sealed record LCall(string Name, ImmutableArray<Layout> Indices, ImmutableArray<int> Derivatives, ImmutableArray<Layout> Arguments, int InputCount) : Layout
{
    /// <inheritdoc/>
    public override Precedence Precedence => Precedence.Atom;
}
