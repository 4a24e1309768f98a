namespace CriterionCheck.Symbolics.Core;

/// <summary>An exact rational constant.</summary>
public sealed class Number : Expr
{
    /// <summary>The value.</summary>
    public Rational Value { get; }

    private Number(Rational value) : base(HashCode.Combine(0x4E55, value)) => Value = value;

    /// <summary>0.</summary>
    public static readonly Number Zero = new(Rational.Zero);
    /// <summary>1.</summary>
    public static readonly Number One = new(Rational.One);
    /// <summary>−1.</summary>
    public static readonly Number MinusOne = new(Rational.MinusOne);
    /// <summary>1/2.</summary>
    public static readonly Number Half = new(Rational.Half);
    /// <summary>2.</summary>
    public static readonly Number Two = new(new Rational(2));

    /// <summary>The number <paramref name="value"/>, sharing instances for the common constants.</summary>
    public static Number Of(Rational value) =>
        value.IsZero ? Zero : value.IsOne ? One : value == Rational.MinusOne ? MinusOne : new Number(value);

    internal override int Rank => 0;
    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [];
    private protected override bool StructurallyEquals(Expr other) => Value == ((Number)other).Value;
}
