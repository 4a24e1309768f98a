namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// A named transcendental constant. Only π needs a node of its own: Euler's number is exp(1).
/// </summary>
public sealed class Constant : Expr
{
    /// <summary>The name as written in expressions ("pi").</summary>
    public string Name { get; }

    /// <summary>The value in double precision.</summary>
    public double Value { get; }

    private Constant(string name, double value) : base(HashCode.Combine(0xC0, name))
    {
        Name = name;
        Value = value;
    }

    /// <summary>The circle constant π.</summary>
    public static readonly Constant Pi = new("pi", Math.PI);

    internal override int Rank => 1;
    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [];
    private protected override bool StructurallyEquals(Expr other) => Name == ((Constant)other).Name;
}
