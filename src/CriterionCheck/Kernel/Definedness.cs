using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;

namespace CriterionCheck.Kernel;

/// <summary>
/// Whether an expression is defined at every point of the declared domains: no division by something
/// that may vanish, no logarithm of something that may be ≤ 0, no root of something that may be
/// negative, no inverse or log-determinant of a matrix (its invertibility is not shown). A coefficient
/// β(Θ) must be a function on the whole parameter domain, or the identity
/// η = Jβ fails where it is undefined. Signs come from rigorous interval bounds.
/// </summary>
public static class Definedness
{
    /// <summary>The first sub-expression where <paramref name="e"/> may be undefined, with why; null when it is defined everywhere.</summary>
    public static string? Problem(Expr e, Bounds bounds)
    {
        switch (e)
        {
            case Power p:
                if ((Problem(p.Base, bounds) ?? Problem(p.Exponent, bounds)) is { } inner) return inner;
                if (p.Exponent is Number { Value: var r })
                {
                    if (r.IsInteger && r.Sign > 0) return null;
                    if (r.IsInteger) return bounds.ExcludesZero(p.Base) ? null : $"it divides by {p.Base}, which may be 0";
                    if (r.Sign > 0) return bounds.IsNonNegative(p.Base) ? null : $"it takes a root of {p.Base}, which may be negative";
                    return bounds.IsPositive(p.Base) ? null : $"it divides by a root of {p.Base}, which may be 0 or negative";
                }
                return bounds.IsPositive(p.Base) ? null : $"it raises {p.Base}, which may be 0 or negative, to a variable power";
            case FunctionCall f:
                foreach (var a in f.Arguments) if (Problem(a, bounds) is { } inArgument) return inArgument;
                var x = bounds.Of(f.Argument);
                return f.Function switch
                {
                    FunctionKind.Log when !x.IsPositive => $"it takes log({f.Argument}), and {f.Argument} may be 0 or negative",
                    FunctionKind.Logit when !(x.IsPositive && (x.High < 1 || (x.High == 1 && x.HighOpen))) => $"it takes logit({f.Argument}), and {f.Argument} may lie outside (0, 1)",
                    FunctionKind.LogGamma or FunctionKind.Polygamma when !x.IsPositive => $"it takes {FunctionCall.Name(f.Function)}({f.Argument}), and {f.Argument} may be 0 or negative",
                    _ => null,
                };
            // Interval bounds know nothing of a matrix being invertible: refused rather than assumed.
            case MatrixFunction m:
                return $"it takes {(m.Kind == MatrixFunctionKind.InverseEntry ? "an entry of the inverse" : "the log-determinant")} of a matrix, which may be singular";
            default:
                foreach (var c in e.Children) if (Problem(c, bounds) is { } inChild) return inChild;
                return null;
        }
    }
}
