using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// Beta(a, b) on (0, 1): T = (log x, log(1 − x)), η = (a − 1, b − 1),
/// A = log Γ(η₁ + 1) + log Γ(η₂ + 1) − log Γ(η₁ + η₂ + 2), h = 1.
/// </summary>
public static class BetaFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Beta", "Beta(a, b) on (0, 1)",
        [new("a", ArgumentKind.Scalar, ParameterDomain.Positive), new("b", ArgumentKind.Scalar, ParameterDomain.Positive)], _ => Build());

    private static ExponentialFamily Build()
    {
        var a = FamilyParameter.Scalar("a", ParameterDomain.Positive);
        var b = FamilyParameter.Scalar("b", ParameterDomain.Positive);
        var x = Symbol.Of("x");
        var eta1 = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        var eta2 = Symbol.Of(ExponentialFamily.NaturalSymbolName, 2);
        var logPartition = FunctionCall.LogGamma(eta1 + 1) + FunctionCall.LogGamma(eta2 + 1) - FunctionCall.LogGamma(eta1 + eta2 + 2);
        return new ExponentialFamily("Beta", [a, b], [x], new Support(SupportKind.UnitInterval),
            [FunctionCall.Log(x), FunctionCall.Log(1 - x)], [a.Entries[0] - 1, b.Entries[0] - 1], logPartition, Number.Zero);
    }
}
