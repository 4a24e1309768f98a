using CriterionCheck.Symbolics.Core;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using static CriterionCheck.Tests.EntropySum.EntropySumTestSupport;

namespace CriterionCheck.Tests.EntropySum;

/// <summary>
/// The exact-posterior closed form of linear-Gaussian models, ℒ(Θ) = −½ log det(𝟙 + Λ WᵀΨ⁻¹W) − Σ_d ½ log(2πe ψ_d),
/// against the average log-likelihood (1/N) Σₙ log N(xₙ; μ, WΛWᵀ + Ψ) computed directly from the Gaussian
/// density, at maximum-likelihood points found without the formula code (eigen-decomposition for p-PCA,
/// EM for factor analysis).
/// </summary>
public class LinearGaussianExactPosteriorTests
{
    private const int N = 2000, D = 5, H = 2;
    private const double Tolerance = 1e-9;
    private static readonly Dictionary<string, int> Dims = new() { ["H"] = H, ["D"] = D };

    [Theory]
    [InlineData(20240601)]
    [InlineData(7)]
    public void PPCA_closed_form_equals_the_average_log_likelihood_at_the_Tipping_Bishop_solution(int seed)
    {
        var (model, formula) = Load("probabilistic-pca.model", Dims);
        var exact = Assert.IsType<CriterionCheck.EntropySum.LinearGaussianForm>(formula.ExactPosterior);
        var data = SampleLinearGaussian(new Random(seed), isotropic: true);
        var (mean, s) = Moments(data);

        // Tipping & Bishop (1999): σ² = mean of the D − H smallest eigenvalues of S, W = U_H (L_H − σ²𝟙)^½, λ = 1.
        var evd = s.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, D).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var eigenvalues = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var sigma2 = eigenvalues.Skip(H).Average();
        Assert.True(eigenvalues[H - 1] > sigma2 * 1.5, "the synthetic data should have a clear principal subspace");
        var w = Matrix<double>.Build.Dense(D, H, (d, h) => evd.EigenVectors[d, order[h]] * Math.Sqrt(eigenvalues[h] - sigma2));
        var lambda = Enumerable.Repeat(1.0, H).ToArray();

        double Direct(double noise) =>
            AverageGaussianLogLikelihood(data, mean, w * Matrix<double>.Build.DiagonalOfDiagonalArray(lambda) * w.Transpose()
                + noise * Matrix<double>.Build.DenseIdentity(D));
        Dictionary<Expr, double> Parameters(double noise)
        {
            var p = Common(lambda, w, mean);
            p[Symbol.Of("sigma2")] = noise;
            AssertCoversFreeElements(model, p);
            return p;
        }

        AssertClose(Direct(sigma2), exact.Evaluate(Parameters(sigma2)), Tolerance, "p-PCA at the ML solution");
        // Away from a stationary point the closed form is not the log-likelihood: the comparison can fail.
        AssertDiffer(Direct(2 * sigma2), exact.Evaluate(Parameters(2 * sigma2)), 1e-4, "p-PCA with sigma2 doubled");

        // Paper Eq. 29 as printed, +½ log det(WᵀW/σ² + 𝟙) − (D/2) log(2πeσ²), misses the log-likelihood by
        // log det(WᵀW/σ² + 𝟙): the posterior entropy in Eq. 28 has the determinant of the posterior
        // precision where its inverse belongs. README lists this discrepancy.
        var det = (w.TransposeThisAndMultiply(w) / sigma2 + Matrix<double>.Build.DenseIdentity(H)).Determinant();
        var printed = 0.5 * Math.Log(det) - D / 2.0 * Math.Log(2 * Math.PI * Math.E * sigma2);
        AssertDiffer(Direct(sigma2), printed, 0.1, "paper Eq. 29 as printed");
        AssertClose(Direct(sigma2), printed - Math.Log(det), Tolerance, "paper Eq. 29 with the sign of the log-det term corrected");
    }

    [Theory]
    [InlineData(20240602)]
    [InlineData(11)]
    public void Factor_analysis_closed_form_equals_the_average_log_likelihood_at_the_EM_fixed_point(int seed)
    {
        var (model, formula) = Load("factor-analysis.model", Dims);
        var exact = Assert.IsType<CriterionCheck.EntropySum.LinearGaussianForm>(formula.ExactPosterior);
        var data = SampleLinearGaussian(new Random(seed), isotropic: false);
        var (mean, s) = Moments(data);
        var (w, psi) = FitFactorAnalysis(s, new Random(seed + 1));
        var lambda = Enumerable.Repeat(1.0, H).ToArray();

        double Direct(double[] noise) =>
            AverageGaussianLogLikelihood(data, mean, w * w.Transpose() + Matrix<double>.Build.DiagonalOfDiagonalArray(noise));
        Dictionary<Expr, double> Parameters(double[] noise)
        {
            var p = Common(lambda, w, mean);
            for (var d = 0; d < D; d++) p[Symbol.Of("psi", d + 1)] = noise[d];
            AssertCoversFreeElements(model, p);
            return p;
        }

        AssertClose(Direct(psi), exact.Evaluate(Parameters(psi)), Tolerance, "factor analysis at the EM fixed point");
        var doubled = psi.Select(v => 2 * v).ToArray();
        AssertDiffer(Direct(doubled), exact.Evaluate(Parameters(doubled)), 1e-4, "factor analysis with psi doubled");
    }

    /// <summary>
    /// Maximum likelihood for factor analysis with λ = 𝟙 by EM on the sufficient statistic S (Rubin &amp; Thayer 1982):
    /// β = Wᵀ(WWᵀ + Ψ)⁻¹, E[zzᵀ] = 𝟙 − βW + βSβᵀ, W ← SβᵀE[zzᵀ]⁻¹, Ψ ← diag(S − WβS). It stops when no entry of
    /// WWᵀ (rotation-invariant) or Ψ moves by more than 1e-14, or after 20000 iterations. EM converges only
    /// linearly, but on these well-conditioned synthetic problems it gets there in about 2000–6000 iterations
    /// of 5×5 algebra (well under a second), so no polishing step is needed. The returned point is checked to
    /// be a fixed point to 1e-12.
    /// </summary>
    private static (Matrix<double> W, double[] Psi) FitFactorAnalysis(Matrix<double> s, Random rng)
    {
        var w = Matrix<double>.Build.Dense(D, H, (_, _) => rng.NextDouble() - 0.5);
        var psi = Enumerable.Range(0, D).Select(d => s[d, d]).ToArray();
        var identity = Matrix<double>.Build.DenseIdentity(H);
        (Matrix<double>, double[]) Step(Matrix<double> wOld, double[] psiOld)
        {
            var c = wOld * wOld.Transpose() + Matrix<double>.Build.DiagonalOfDiagonalArray(psiOld);
            var beta = c.Cholesky().Solve(wOld).Transpose(); // Wᵀ C⁻¹ (C symmetric)
            var ezz = identity - beta * wOld + beta * s * beta.Transpose();
            var wNew = s * beta.Transpose() * ezz.Inverse();
            var residual = s - wNew * beta * s;
            return (wNew, Enumerable.Range(0, D).Select(d => residual[d, d]).ToArray());
        }
        double Change(Matrix<double> w1, double[] p1, Matrix<double> w2, double[] p2) =>
            Math.Max((w1 * w1.Transpose() - w2 * w2.Transpose()).Enumerate().Max(Math.Abs), p1.Zip(p2, (a, b) => Math.Abs(a - b)).Max());

        for (var iteration = 0; iteration < 20000; iteration++)
        {
            var (wNew, psiNew) = Step(w, psi);
            var change = Change(w, psi, wNew, psiNew);
            (w, psi) = (wNew, psiNew);
            if (change < 1e-14) break;
        }
        var (wCheck, psiCheck) = Step(w, psi);
        Assert.True(Change(w, psi, wCheck, psiCheck) < 1e-12, "EM for factor analysis did not reach a fixed point");
        Assert.True(psi.Min() > 1e-3, "a Heywood case (psi near 0) would make the synthetic problem ill-posed");
        return (w, psi);
    }

    /// <summary>
    /// N draws of x = W z + μ + ε, z ~ N(0, diag(λ)), from a random true model; ε ~ N(0, σ²𝟙) when
    /// <paramref name="isotropic"/>, else N(0, diag(ψ)) with distinct ψ_d.
    /// </summary>
    private static Matrix<double> SampleLinearGaussian(Random rng, bool isotropic)
    {
        var w = Matrix<double>.Build.Dense(D, H, (_, _) => Normal.Sample(rng, 0, 1));
        var mu = Enumerable.Range(0, D).Select(_ => Normal.Sample(rng, 0, 2)).ToArray();
        var lambda = Enumerable.Range(0, H).Select(_ => 1 + 2 * rng.NextDouble()).ToArray();
        var sigma2 = 0.2 + 0.2 * rng.NextDouble();
        var psi = Enumerable.Range(0, D).Select(_ => 0.1 + 0.5 * rng.NextDouble()).ToArray();
        var data = Matrix<double>.Build.Dense(N, D);
        var z = new double[H];
        for (var n = 0; n < N; n++)
        {
            for (var h = 0; h < H; h++) z[h] = Normal.Sample(rng, 0, Math.Sqrt(lambda[h]));
            for (var d = 0; d < D; d++)
            {
                var m = mu[d];
                for (var h = 0; h < H; h++) m += w[d, h] * z[h];
                data[n, d] = m + Normal.Sample(rng, 0, Math.Sqrt(isotropic ? sigma2 : psi[d]));
            }
        }
        return data;
    }

    private static Dictionary<Expr, double> Common(double[] lambda, Matrix<double> w, Vector<double> mean)
    {
        var p = new Dictionary<Expr, double>();
        for (var h = 0; h < H; h++) p[Symbol.Of("lambda", h + 1)] = lambda[h];
        for (var d = 0; d < D; d++)
        {
            p[Symbol.Of("mu", d + 1)] = mean[d];
            for (var h = 0; h < H; h++) p[Symbol.Of("W", d + 1, h + 1)] = w[d, h];
        }
        return p;
    }
}
