using CriterionCheck.EntropySum;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.Numerics;

/// <summary>
/// The exact Gaussian posterior of a linear-Gaussian model, z | x ~ N(m, S) with
/// S = (Λ⁻¹ + WᵀΨ⁻¹W)⁻¹ and m = S(WᵀΨ⁻¹(x − b) + Λ⁻¹m₀), represented by its 2H symmetric sigma points
/// m ± √H·(column of chol S). The log-joint is quadratic in z, and sigma points integrate polynomials of
/// degree three exactly, so the ELBO and every expectation the entropy sum needs are exact.
/// </summary>
public sealed class LinearGaussianPosterior : IVariationalFamily
{
    private readonly LinearGaussianForm form;
    private readonly ParameterSpace space;
    private readonly DataSet data;
    private readonly Expr[] priorMeans;
    private readonly Expr[] offsets;

    /// <summary>The posterior of the linear-Gaussian model <paramref name="form"/> describes.</summary>
    public LinearGaussianPosterior(LinearGaussianForm form, ParameterSpace space, DataSet data)
    {
        this.form = form;
        this.space = space;
        this.data = data;
        var model = space.Model;
        var prior = model.Factors.Single(f => f.Variable == form.Latent);
        var observable = model.Observable;
        priorMeans = [.. prior.Elements.Select(e => e.Arguments[0])];
        var zero = prior.Elements.ToDictionary(e => (Expr)e.Variable[0], _ => (Expr)Number.Zero);
        offsets = [.. observable.Elements.Select(e => Substitution.Substitute(e.Arguments[0], zero))];
    }

    /// <inheritdoc/>
    public string Description => "exact Gaussian posterior (linear-Gaussian model), by its sigma points";

    /// <inheritdoc/>
    public bool IsExact => true;

    /// <inheritdoc/>
    public VariationalState Fit(double[] theta, VariationalState? previous)
    {
        var values = space.AsMap(theta);
        var h = form.PriorVariances.Length;
        var d = form.NoiseVariances.Length;
        var lambda = form.PriorVariances.Select(v => Evaluator.Evaluate(v, values)).ToArray();
        var psi = form.NoiseVariances.Select(v => Evaluator.Evaluate(v, values)).ToArray();
        var m0 = priorMeans.Select(v => Evaluator.Evaluate(v, values)).ToArray();
        var b = offsets.Select(v => Evaluator.Evaluate(v, values)).ToArray();
        var w = Matrix<double>.Build.Dense(d, h, (i, k) => Evaluator.Evaluate(form.Loadings[i][k], values));
        var psiInvW = Matrix<double>.Build.Dense(d, h, (i, k) => w[i, k] / psi[i]);
        var precision = w.TransposeThisAndMultiply(psiInvW) + Matrix<double>.Build.DenseDiagonal(h, h, k => 1 / lambda[k]);
        var precisionChol = precision.Cholesky();
        var covariance = precisionChol.Solve(Matrix<double>.Build.DenseIdentity(h));
        covariance = (covariance + covariance.Transpose()) / 2;
        var root = covariance.Cholesky().Factor;
        var entropy = 0.5 * h * Math.Log(2 * Math.PI * Math.E) - 0.5 * precisionChol.DeterminantLn;

        // log-likelihood from the marginal N(W m₀ + b, W Λ Wᵀ + Ψ), computed directly as a cross-check of the ELBO.
        var marginal = w * Matrix<double>.Build.DenseDiagonal(h, h, k => lambda[k]) * w.Transpose() + Matrix<double>.Build.DenseDiagonal(d, d, i => psi[i]);
        var marginalChol = marginal.Cholesky();
        var center = w * Vector<double>.Build.Dense(m0) + Vector<double>.Build.Dense(b);

        var n = data.Count;
        var sigma = 2 * h;
        var points = new int[n * sigma];
        var latents = new double[n * sigma][];
        var weights = new double[n * sigma];
        var entropies = new double[n];
        var logLikelihood = new double[n];
        var parameters = new double[n][];
        var spread = Math.Sqrt(h);
        var logNormaliser = -0.5 * d * Math.Log(2 * Math.PI) - 0.5 * marginalChol.DeterminantLn;
        for (var i = 0; i < n; i++)
        {
            var x = Vector<double>.Build.Dense(data.Rows[i]);
            var residual = x - Vector<double>.Build.Dense(b);
            var m = covariance * (psiInvW.TransposeThisAndMultiply(residual) + Vector<double>.Build.Dense(h, k => m0[k] / lambda[k]));
            for (var k = 0; k < sigma; k++)
            {
                var sign = k < h ? 1 : -1;
                var column = root.Column(k % h);
                points[i * sigma + k] = i;
                latents[i * sigma + k] = (m + sign * spread * column).ToArray();
                weights[i * sigma + k] = 1.0 / sigma;
            }
            entropies[i] = entropy;
            var centered = x - center;
            logLikelihood[i] = logNormaliser - 0.5 * centered.DotProduct(marginalChol.Solve(centered));
            parameters[i] = m.ToArray();
        }
        return new VariationalState(points, latents, weights, entropies, true, logLikelihood.Average(), parameters);
    }
}
