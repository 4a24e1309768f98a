using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>Laplace(scale) with location 0 on ℝ: T = |x|, η = −1/scale, A = log(−2/η), h = 1.</summary>
public static class LaplaceFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Laplace", "Laplace(scale) with location 0 on the real line",
        [new("scale", ArgumentKind.Scalar, ParameterDomain.Positive)], _ => Build());

    private static ExponentialFamily Build()
    {
        var scale = FamilyParameter.Scalar("scale", ParameterDomain.Positive);
        var x = Symbol.Of("x");
        var eta = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        return new ExponentialFamily("Laplace", [scale], [x], new Support(SupportKind.Real), [FunctionCall.Abs(x)],
            [-1 / scale.Entries[0]], FunctionCall.Log(-2 / eta), Number.Zero);
    }
}
