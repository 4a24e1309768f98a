using CriterionCheck.Symbolics.Printing;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// A canonical symbolic expression. Nodes are sealed and immutable and are only built through the
/// simplifying constructors (<see cref="Sum.Of(Expr[])"/>, <see cref="Product.Of(Expr[])"/>,
/// <see cref="Power.Of"/>, <see cref="FunctionCall.Of"/>), so two equal expressions have equal
/// structure: equality is structural, exact, and cheap because each node caches its hash.
/// </summary>
public abstract class Expr : IEquatable<Expr>
{
    private readonly int hash;

    private protected Expr(int hash) => this.hash = hash;

    /// <summary>Position of the node kind in the canonical ordering (numbers first, sums last).</summary>
    internal abstract int Rank { get; }

    /// <summary>The child expressions, in canonical order.</summary>
    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>Structural equality of two nodes of the same kind and hash.</summary>
    private protected abstract bool StructurallyEquals(Expr other);

    /// <inheritdoc/>
    public bool Equals(Expr? other) =>
        ReferenceEquals(this, other) ||
        (other is not null && other.hash == hash && other.Rank == Rank && StructurallyEquals(other));

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => obj is Expr e && Equals(e);

    /// <inheritdoc/>
    public sealed override int GetHashCode() => hash;

    /// <summary>The plain-text form, which parses back to an equal expression (a covariance slice inside inv or logdet is shortened; see <see cref="TextPrinter.PrintExplicit"/>).</summary>
    public sealed override string ToString() => TextPrinter.Print(this);

    /// <summary>True when the expression is the number zero.</summary>
    public bool IsZero => this is Number { Value.IsZero: true };

    /// <summary>True when the expression is the number one.</summary>
    public bool IsOne => this is Number { Value.IsOne: true };

    /// <summary>True when <paramref name="symbol"/> occurs anywhere in the expression.</summary>
    public bool Contains(Expr symbol) => Equals(symbol) || Children.Any(c => c.Contains(symbol));

    /// <summary>All distinct symbols in the expression, in canonical order.</summary>
    public IReadOnlyList<Symbol> Symbols()
    {
        var set = new HashSet<Symbol>();
        var stack = new Stack<Expr>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            // A sum's bound index (#k) is not a free symbol.
            if (e is Symbol s && !IndexedSum.IsBound(s)) set.Add(s);
            foreach (var c in e.Children) stack.Push(c);
        }
        var list = set.ToList();
        list.Sort(ExprOrder.Instance);
        return list;
    }

    /// <summary>Sum.</summary>
    public static Expr operator +(Expr a, Expr b) => Sum.Of(a, b);
    /// <summary>Difference, built as a + (−1)·b.</summary>
    public static Expr operator -(Expr a, Expr b) => Sum.Of(a, Product.Of(Number.MinusOne, b));
    /// <summary>Negation, built as (−1)·a.</summary>
    public static Expr operator -(Expr a) => Product.Of(Number.MinusOne, a);
    /// <summary>Product.</summary>
    public static Expr operator *(Expr a, Expr b) => Product.Of(a, b);
    /// <summary>Quotient, built as a·b⁻¹.</summary>
    public static Expr operator /(Expr a, Expr b) => Product.Of(a, Power.Of(b, Number.MinusOne));
    /// <summary>An integer constant.</summary>
    public static implicit operator Expr(int value) => Number.Of(value);
    /// <summary>A rational constant.</summary>
    public static implicit operator Expr(Rational value) => Number.Of(value);
}
