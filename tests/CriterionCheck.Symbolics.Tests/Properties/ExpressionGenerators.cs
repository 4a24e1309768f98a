using CriterionCheck.Symbolics.Core;
using CsCheck;

namespace CriterionCheck.Symbolics.Tests.Properties;

/// <summary>
/// Random expressions over x, y (real), p (unit interval), s (positive) and W[1,2] (real).
/// <see cref="Smooth"/> builds only expressions defined and differentiable at every point of those
/// domains; <see cref="Any"/> adds kinks, derivative atoms, symbolic powers and other printing cases.
/// </summary>
public static class ExpressionGenerators
{
    public static readonly Symbol X = Symbol.Of("x"), Y = Symbol.Of("y"), P = Symbol.Of("p"), S = Symbol.Of("s"), W = Symbol.Of("W", 1, 2);
    public static readonly Symbol[] Variables = [X, Y, P, S, W];
    public const string Domains = "p:unit,s:positive";

    private static readonly Gen<Expr> Rationals =
        Gen.Select(Gen.Int[-9, 9], Gen.Int[1, 4], (n, d) => (Expr)Number.Of(new Rational(n, d)));

    private static readonly Gen<Expr> Leaves = Gen.Frequency(
        (3, Gen.OneOf<Expr>(X, Y, P, S, W)),
        (1, Rationals));

    public static readonly Gen<Expr> Smooth = Build(4, any: false);
    public static readonly Gen<Expr> Any = Build(4, any: true);

    private static Gen<Expr> Build(int depth, bool any)
    {
        if (depth == 0) return Leaves;
        var sub = Build(depth - 1, any);
        var ops = new List<(int, IGen<Expr>)>
        {
            (3, Leaves),
            (3, Gen.Select(sub, sub, (a, b) => a + b)),
            (2, Gen.Select(sub, sub, (a, b) => a - b)),
            (3, Gen.Select(sub, sub, (a, b) => a * b)),
            (2, Gen.Select(sub, sub, (a, b) => a / (1 + Power.Of(b, 2)))),
            (1, Gen.Select(sub, Gen.Int[2, 3], (a, k) => Power.Of(a, k))),
            (1, sub.Select(FunctionCall.Sigmoid)),
            (1, sub.Select(FunctionCall.Tanh)),
            (1, sub.Select(FunctionCall.Softplus)),
            (1, sub.Select(a => FunctionCall.Exp(FunctionCall.Tanh(a)))),
            (1, sub.Select(a => FunctionCall.Log(1 + Power.Of(a, 2)))),
            (1, sub.Select(a => FunctionCall.Sqrt(1 + Power.Of(a, 2)))),
            (1, sub.Select(a => FunctionCall.LogGamma(1 + Power.Of(a, 2)))),
            (1, sub.Select(a => FunctionCall.Digamma(2 + Power.Of(a, 2)))),
            (1, sub.Select(a => a * FunctionCall.Log(S * P))),
            (1, sub.Select(a => FunctionCall.Log(FunctionCall.Exp(a) * S))),
            (1, sub.Select(a => Power.Of(S, a / 4))),
            (1, sub.Select(a => Power.Of(Power.Of(S, 2), Number.Half) * a)),
            (1, sub.Select(a => FunctionCall.Logit(P) * a)),
            (1, sub.Select(a => OpaqueCall.Of("f", [], [a, Y], 1))),
        };
        if (any)
        {
            ops.Add((1, sub.Select(FunctionCall.Abs)));
            ops.Add((1, sub.Select(FunctionCall.Sign)));
            ops.Add((1, Gen.Select(sub, sub, (a, b) => Power.Of(a, b))));
            ops.Add((1, Gen.Select(sub, Gen.Int[1, 2], (a, k) => (Expr)OpaqueCall.Of("f", [Number.Of(k)], [a, Y], 1, [k]))));
            ops.Add((1, sub.Select(a => FunctionCall.Polygamma(3, a))));
            ops.Add((1, sub.Select(a => (Expr)Symbol.Of("z", a))));
        }
        return Gen.Frequency([.. ops]);
    }

    /// <summary>A concrete body for the opaque f used by numeric checks: f(u; w) = sin(u)·w.</summary>
    public static double OpaqueF(OpaqueCall c, double[] a)
    {
        double u = a[0], w = a[1];
        return string.Join(",", c.Derivatives) switch
        {
            "" => Math.Sin(u) * w,
            "1" => Math.Cos(u) * w,
            "2" => Math.Sin(u),
            "1,1" => -Math.Sin(u) * w,
            "1,2" => Math.Cos(u),
            "2,2" => 0,
            _ => double.NaN,
        };
    }

    public static Dictionary<Expr, double> RandomPoint(Random random) => new()
    {
        [X] = 4 * random.NextDouble() - 2,
        [Y] = 4 * random.NextDouble() - 2,
        [P] = 0.05 + 0.9 * random.NextDouble(),
        [S] = 0.1 + 3 * random.NextDouble(),
        [W] = 4 * random.NextDouble() - 2,
    };
}
