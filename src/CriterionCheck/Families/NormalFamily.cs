using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// Normal(mean, variance) on ℝ: T = (x, x²), η = (mean/variance, −1/(2·variance)),
/// A = −η₁²/(4η₂) − ½·log(−2η₂), h = (2π)^(−1/2). Over a plate it gives a variance shared by the
/// plate (a scalar parameter) or a diagonal covariance (an indexed one).
/// </summary>
public static class NormalFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Normal", "Normal(mean, variance) on the real line",
        [new("mean", ArgumentKind.Scalar, ParameterDomain.Real), new("variance", ArgumentKind.Scalar, ParameterDomain.Positive)], _ => Build());

    private static ExponentialFamily Build()
    {
        var mean = FamilyParameter.Scalar("mean", ParameterDomain.Real);
        var variance = FamilyParameter.Scalar("variance", ParameterDomain.Positive);
        var (m, v) = (mean.Entries[0], variance.Entries[0]);
        var x = Symbol.Of("x");
        var eta1 = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        var eta2 = Symbol.Of(ExponentialFamily.NaturalSymbolName, 2);
        var logPartition = -(Power.Of(eta1, 2) / (4 * eta2)) - new Rational(1, 2) * FunctionCall.Log(-2 * eta2);
        var logBase = -new Rational(1, 2) * FunctionCall.Log(2 * Constant.Pi);
        return new ExponentialFamily("Normal", [mean, variance], [x], new Support(SupportKind.Real),
            [x, Power.Of(x, 2)], [m / v, -1 / (2 * v)], logPartition, logBase);
    }
}
