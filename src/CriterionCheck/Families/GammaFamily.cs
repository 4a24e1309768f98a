using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>Gamma(shape, rate) on (0, ∞): T = (log x, x), η = (shape − 1, −rate), A = log Γ(η₁ + 1) − (η₁ + 1)·log(−η₂), h = 1.</summary>
public static class GammaFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Gamma", "Gamma(shape, rate) on (0, inf)",
        [new("shape", ArgumentKind.Scalar, ParameterDomain.Positive), new("rate", ArgumentKind.Scalar, ParameterDomain.Positive)], _ => Build());

    private static ExponentialFamily Build()
    {
        var shape = FamilyParameter.Scalar("shape", ParameterDomain.Positive);
        var rate = FamilyParameter.Scalar("rate", ParameterDomain.Positive);
        var x = Symbol.Of("x");
        var eta1 = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        var eta2 = Symbol.Of(ExponentialFamily.NaturalSymbolName, 2);
        var logPartition = FunctionCall.LogGamma(eta1 + 1) - (eta1 + 1) * FunctionCall.Log(-eta2);
        return new ExponentialFamily("Gamma", [shape, rate], [x], new Support(SupportKind.Positive),
            [FunctionCall.Log(x), x], [shape.Entries[0] - 1, -rate.Entries[0]], logPartition, Number.Zero);
    }
}
