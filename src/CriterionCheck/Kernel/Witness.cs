using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Kernel;

/// <summary>
/// A claimed "violated" verdict: at one parameter point and some latent points, a weight vector y over
/// rows of the stacked system with yᵀJ = 0 in the column of every parameter the rows use, and yᵀη ≠ 0 —
/// so no coefficients β(Θ) can reproduce η at that parameter point, whatever θ. A prior without
/// parameters is the case with no columns. Every value is exact: a constant expression, usually a
/// rational.
/// </summary>
/// <param name="Factors">The factors the rows come from.</param>
/// <param name="Parameters">A value for every free parameter element the rows use.</param>
/// <param name="LatentPoints">
/// Per point, the value of every latent element the rows use (a categorical latent's value is its
/// category, 1-based), and the value of every opaque function call and derivative atom the rows and
/// their Jacobian use there: an opaque function is arbitrary, so its values and derivatives at distinct
/// points are free.
/// </param>
/// <param name="Rows">The weighted rows.</param>
/// <param name="Reason">The plain-language reason, for reports.</param>
public sealed record Witness(ImmutableArray<string> Factors, ImmutableDictionary<Expr, Expr> Parameters,
    ImmutableArray<ImmutableDictionary<Expr, Expr>> LatentPoints, ImmutableArray<WitnessRow> Rows, string Reason);
