using CriterionCheck.EntropySum;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using static CriterionCheck.Tests.EntropySum.EntropySumTestSupport;

namespace CriterionCheck.Tests.EntropySum;

/// <summary>
/// For mixtures, after one exact M-step with the responsibilities r held fixed as q⁽ⁿ⁾, the entropy sum
/// equals the ELBO (1/N) Σₙ Σ_c r_nc [log π_c + log p(xₙ | θ_c) − log r_nc] computed directly from the
/// component densities (MathNet or written out). Before the M-step, with the same r, it does not.
/// </summary>
public class MixtureEntropySumTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData("gaussian", 101)]
    [InlineData("gaussian", 102)]
    [InlineData("gaussian-means-held", 103)]
    [InlineData("gamma", 201)]
    [InlineData("gamma", 202)]
    [InlineData("poisson", 301)]
    [InlineData("poisson", 302)]
    [InlineData("bernoulli", 401)]
    [InlineData("bernoulli", 402)]
    public void Entropy_sum_after_an_exact_M_step_equals_the_directly_computed_ELBO(string family, int seed)
    {
        var mixture = Create(family);
        var (model, formula) = Load(mixture.Spec, mixture.Dims);
        var rng = new Random(seed);
        mixture.Generate(rng, 1500);
        mixture.Initialise(rng);
        for (var i = 0; i < 3; i++) mixture.MStep(mixture.EStep());

        var r = mixture.EStep();
        var before = (Elbo: mixture.Elbo(r), Sum: formula.Evaluate(mixture.Parameters(model), mixture.Summary(r)));
        mixture.MStep(r);
        var after = (Elbo: mixture.Elbo(r), Sum: formula.Evaluate(mixture.Parameters(model), mixture.Summary(r)));

        AssertClose(after.Elbo, after.Sum, Tolerance, $"{family} mixture (seed {seed}) after the M-step");
        AssertDiffer(before.Elbo, before.Sum, 1e-6, $"{family} mixture (seed {seed}) before the M-step");
        Assert.True(after.Elbo >= before.Elbo - 1e-12, "the M-step must not lower the ELBO");
    }

    [Fact]
    public void Poisson_mixture_needs_the_data_for_its_base_measure_term()
    {
        var mixture = new PoissonMixture();
        var (model, formula) = Load(mixture.Spec, mixture.Dims);
        Assert.Equal(2, formula.Theorem);
        var rng = new Random(5);
        mixture.Generate(rng, 50);
        mixture.Initialise(rng);
        var r = mixture.EStep();
        var summary = mixture.Summary(r) with { Data = null };
        Assert.Throws<SymbolicException>(() => formula.Evaluate(mixture.Parameters(model), summary));
    }

    private static Mixture Create(string family) => family switch
    {
        "gaussian" => new GaussianMixture(updateMeans: true),
        // The formula claims stationarity in pi and Sigma only (not mu): an M-step that never moves the
        // means from their random start (data points) must give the same agreement.
        "gaussian-means-held" => new GaussianMixture(updateMeans: false),
        "gamma" => new GammaMixture(),
        "poisson" => new PoissonMixture(),
        "bernoulli" => new BernoulliMixture(),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    /// <summary>A mixture with C components, its data, and EM on it; the component family is the subclass's.</summary>
    private abstract class Mixture(string spec, Dictionary<string, int> dims)
    {
        public string Spec { get; } = spec;
        public Dictionary<string, int> Dims { get; } = dims;
        protected int C => Dims["C"];
        protected int Count { get; private set; }
        protected double[] Pi { get; private set; } = [];

        /// <summary>Draws <paramref name="n"/> points from a random true mixture.</summary>
        public void Generate(Random rng, int n)
        {
            Count = n;
            var weights = Enumerable.Range(0, C).Select(_ => 0.5 + rng.NextDouble()).ToArray();
            var labels = Enumerable.Range(0, n).Select(_ => Categorical.Sample(rng, weights)).ToArray();
            GenerateComponents(rng, labels);
        }

        /// <summary>Random starting parameters.</summary>
        public void Initialise(Random rng)
        {
            var weights = Enumerable.Range(0, C).Select(_ => 0.5 + rng.NextDouble()).ToArray();
            Pi = [.. weights.Select(v => v / weights.Sum())];
            InitialiseComponents(rng);
        }

        /// <summary>Responsibilities r[n, c] ∝ π_c p(xₙ | θ_c), normalised by log-sum-exp.</summary>
        public double[,] EStep()
        {
            var r = new double[Count, C];
            var log = new double[C];
            for (var n = 0; n < Count; n++)
            {
                for (var c = 0; c < C; c++) log[c] = Math.Log(Pi[c]) + LogComponent(n, c);
                var normaliser = LogSumExp(log);
                for (var c = 0; c < C; c++) r[n, c] = Math.Exp(log[c] - normaliser);
            }
            return r;
        }

        /// <summary>The exact M-step for fixed <paramref name="r"/>: π_c = mean of r_nc, θ_c by the subclass.</summary>
        public void MStep(double[,] r)
        {
            Pi = [.. Enumerable.Range(0, C).Select(c => Column(r, c).Average())];
            MaximiseComponents(r);
        }

        /// <summary>(1/N) Σₙ Σ_c r_nc [log π_c + log p(xₙ | θ_c) − log r_nc], with 0 log 0 = 0.</summary>
        public double Elbo(double[,] r)
        {
            var total = 0.0;
            for (var n = 0; n < Count; n++)
                for (var c = 0; c < C; c++)
                    if (r[n, c] > 0) total += r[n, c] * (Math.Log(Pi[c]) + LogComponent(n, c) - Math.Log(r[n, c]));
            return total / Count;
        }

        /// <summary>The mean entropy of the q⁽ⁿ⁾ = rₙ, the aggregate posterior q̄_c = mean of r_nc, and the data if needed.</summary>
        public VariationalSummary Summary(double[,] r)
        {
            var entropy = 0.0;
            for (var n = 0; n < Count; n++)
                for (var c = 0; c < C; c++)
                    if (r[n, c] > 0) entropy -= r[n, c] * Math.Log(r[n, c]);
            var aggregate = Enumerable.Range(0, C)
                .Select(c => (Column(r, c).Average(), (IReadOnlyDictionary<Expr, double>)new Dictionary<Expr, double> { [Symbol.Of("c")] = c + 1 }))
                .ToList();
            return new VariationalSummary(entropy / Count, aggregate, DataPoints());
        }

        /// <summary>The current parameters keyed by the model's free elements (π_C is not free).</summary>
        public Dictionary<Expr, double> Parameters(Model model)
        {
            var p = new Dictionary<Expr, double>();
            for (var c = 0; c < C - 1; c++) p[Symbol.Of("pi", c + 1)] = Pi[c];
            AddComponentParameters(p);
            AssertCoversFreeElements(model, p);
            return p;
        }

        protected static IEnumerable<double> Column(double[,] r, int c) => Enumerable.Range(0, r.GetLength(0)).Select(n => r[n, c]);

        protected abstract void GenerateComponents(Random rng, int[] labels);
        protected abstract void InitialiseComponents(Random rng);
        protected abstract double LogComponent(int n, int c);
        protected abstract void MaximiseComponents(double[,] r);
        protected abstract void AddComponentParameters(Dictionary<Expr, double> p);
        protected virtual IReadOnlyList<IReadOnlyDictionary<Expr, double>>? DataPoints() => null;
    }

    /// <summary>
    /// x ~ MvNormal(μ_c, Σ_c), full covariances, D = 2. With <paramref name="updateMeans"/> false the M-step keeps
    /// μ_c and sets Σ_c to the weighted covariance about it (still the exact maximiser in Σ_c).
    /// </summary>
    private sealed class GaussianMixture(bool updateMeans) : Mixture("gaussian-mixture.model", new() { ["C"] = 3, ["D"] = 2 })
    {
        private int D => Dims["D"];
        private Vector<double>[] x = [];
        private Vector<double>[] mu = [];
        private Matrix<double>[] sigma = [];
        private Cholesky<double>[] factors = [];

        protected override void GenerateComponents(Random rng, int[] labels)
        {
            var means = Enumerable.Range(0, C).Select(_ => Vector<double>.Build.Dense(D, _ => Normal.Sample(rng, 0, 3))).ToArray();
            var roots = Enumerable.Range(0, C).Select(_ => Matrix<double>.Build.Dense(D, D, (_, _) => Normal.Sample(rng, 0, 0.8))).ToArray();
            x = [.. labels.Select(c => means[c] + roots[c] * Vector<double>.Build.Dense(D, _ => Normal.Sample(rng, 0, 1)))];
        }

        protected override void InitialiseComponents(Random rng)
        {
            // Near a data point but not on it: a mean held on a data point lets its component collapse onto
            // that point (Σ_c → 0), an ill-conditioned case that only tests rounding.
            mu = [.. Enumerable.Range(0, C).Select(_ => x[rng.Next(x.Length)] + Vector<double>.Build.Dense(D, _ => Normal.Sample(rng, 0, 1)))];
            SetCovariances([.. Enumerable.Range(0, C).Select(_ => (0.5 + rng.NextDouble()) * Matrix<double>.Build.DenseIdentity(D))]);
        }

        protected override double LogComponent(int n, int c) => MultivariateNormalLogDensity(x[n], mu[c], factors[c]);

        protected override void MaximiseComponents(double[,] r)
        {
            var covariances = new Matrix<double>[C];
            for (var c = 0; c < C; c++)
            {
                var weights = Column(r, c).ToArray();
                var total = weights.Sum();
                var mean = Vector<double>.Build.Dense(D);
                for (var n = 0; n < x.Length; n++) mean += weights[n] * x[n];
                mean = updateMeans ? mean / total : mu[c];
                var covariance = Matrix<double>.Build.Dense(D, D);
                for (var n = 0; n < x.Length; n++)
                {
                    var e = x[n] - mean;
                    covariance += weights[n] * e.OuterProduct(e);
                }
                mu[c] = mean;
                covariances[c] = covariance / total;
            }
            SetCovariances(covariances);
        }

        private void SetCovariances(Matrix<double>[] covariances)
        {
            // Symmetric by construction; make it exact so the i ≤ j free elements describe the same matrix.
            sigma = [.. covariances.Select(s => 0.5 * (s + s.Transpose()))];
            factors = [.. sigma.Select(s => s.Cholesky())];
        }

        protected override void AddComponentParameters(Dictionary<Expr, double> p)
        {
            for (var c = 0; c < C; c++)
                for (var i = 0; i < D; i++)
                {
                    p[Symbol.Of("mu", c + 1, i + 1)] = mu[c][i];
                    for (var j = i; j < D; j++) p[Symbol.Of("Sigma", c + 1, i + 1, j + 1)] = sigma[c][i, j];
                }
        }
    }

    /// <summary>x ~ Gamma(shape α_c, rate β_c), scalar.</summary>
    private sealed class GammaMixture() : Mixture("gamma-mixture.model", new() { ["C"] = 3 })
    {
        private double[] x = [];
        private double[] alpha = [], beta = [];

        protected override void GenerateComponents(Random rng, int[] labels)
        {
            var shapes = Enumerable.Range(0, C).Select(c => (1 + 4 * c) * (1 + rng.NextDouble())).ToArray();
            var rates = Enumerable.Range(0, C).Select(_ => 0.5 + 2 * rng.NextDouble()).ToArray();
            x = [.. labels.Select(c => Gamma.Sample(rng, shapes[c], rates[c]))];
        }

        protected override void InitialiseComponents(Random rng)
        {
            alpha = [.. Enumerable.Range(0, C).Select(_ => 1 + 4 * rng.NextDouble())];
            beta = [.. Enumerable.Range(0, C).Select(_ => 0.5 + 1.5 * rng.NextDouble())];
        }

        protected override double LogComponent(int n, int c) => Gamma.PDFLn(alpha[c], beta[c], x[n]);

        protected override void MaximiseComponents(double[,] r)
        {
            for (var c = 0; c < C; c++)
            {
                var weights = Column(r, c).ToArray();
                var total = weights.Sum();
                var mean = weights.Zip(x, (w, v) => w * v).Sum() / total;
                var meanLog = weights.Zip(x, (w, v) => w * Math.Log(v)).Sum() / total;
                alpha[c] = SolveShape(Math.Log(mean) - meanLog);
                beta[c] = alpha[c] / mean;
            }
        }

        /// <summary>
        /// The α with log α − ψ(α) = <paramref name="s"/> (&gt; 0), by Newton from Minka's starting point, to
        /// machine precision; checked by the residual.
        /// </summary>
        private static double SolveShape(double s)
        {
            Assert.True(s > 0, "Jensen: log of the mean exceeds the mean of the log");
            var a = (3 - s + Math.Sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
            for (var i = 0; i < 100; i++)
            {
                var g = Math.Log(a) - SpecialFunctions.DiGamma(a) - s;
                var next = a - g / (1 / a - Trigamma(a));
                if (next <= 0) next = a / 2;
                var done = Math.Abs(next - a) <= 1e-15 * a;
                a = next;
                if (done) break;
            }
            var residual = Math.Log(a) - SpecialFunctions.DiGamma(a) - s;
            Assert.True(Math.Abs(residual) <= 1e-13 * Math.Max(1, s), $"shape equation not solved: residual {residual:E3}");
            return a;
        }

        protected override void AddComponentParameters(Dictionary<Expr, double> p)
        {
            for (var c = 0; c < C; c++)
            {
                p[Symbol.Of("alpha", c + 1)] = alpha[c];
                p[Symbol.Of("beta", c + 1)] = beta[c];
            }
        }
    }

    /// <summary>x_d ~ Poisson(λ_cd), D = 3. The base measure 1/x! is not constant (Theorem 2), so the data go in the summary.</summary>
    private sealed class PoissonMixture() : Mixture("poisson-mixture.model", new() { ["C"] = 3, ["D"] = 3 })
    {
        private int D => Dims["D"];
        private int[][] x = [];
        private double[,] lambda = new double[0, 0];

        protected override void GenerateComponents(Random rng, int[] labels)
        {
            var rates = new double[C, D];
            for (var c = 0; c < C; c++)
                for (var d = 0; d < D; d++) rates[c, d] = 0.5 + 15 * rng.NextDouble();
            x = [.. labels.Select(c => Enumerable.Range(0, D).Select(d => Poisson.Sample(rng, rates[c, d])).ToArray())];
        }

        protected override void InitialiseComponents(Random rng)
        {
            lambda = new double[C, D];
            for (var c = 0; c < C; c++)
                for (var d = 0; d < D; d++) lambda[c, d] = 1 + 10 * rng.NextDouble();
        }

        protected override double LogComponent(int n, int c)
        {
            var total = 0.0;
            for (var d = 0; d < D; d++) total += Poisson.PMFLn(lambda[c, d], x[n][d]);
            return total;
        }

        protected override void MaximiseComponents(double[,] r)
        {
            for (var c = 0; c < C; c++)
            {
                var weights = Column(r, c).ToArray();
                var total = weights.Sum();
                for (var d = 0; d < D; d++) lambda[c, d] = Enumerable.Range(0, x.Length).Sum(n => weights[n] * x[n][d]) / total;
            }
        }

        protected override void AddComponentParameters(Dictionary<Expr, double> p)
        {
            for (var c = 0; c < C; c++)
                for (var d = 0; d < D; d++) p[Symbol.Of("lambda", c + 1, d + 1)] = lambda[c, d];
        }

        protected override IReadOnlyList<IReadOnlyDictionary<Expr, double>> DataPoints() =>
            [.. x.Select(v => (IReadOnlyDictionary<Expr, double>)Enumerable.Range(0, D).ToDictionary(d => (Expr)Symbol.Of("x", d + 1), d => (double)v[d]))];
    }

    /// <summary>x_d ~ Bernoulli(p_cd), D = 4.</summary>
    private sealed class BernoulliMixture() : Mixture("bernoulli-mixture.model", new() { ["C"] = 3, ["D"] = 4 })
    {
        private int D => Dims["D"];
        private int[][] x = [];
        private double[,] p = new double[0, 0];

        protected override void GenerateComponents(Random rng, int[] labels)
        {
            var probabilities = new double[C, D];
            for (var c = 0; c < C; c++)
                for (var d = 0; d < D; d++) probabilities[c, d] = 0.05 + 0.9 * rng.NextDouble();
            x = [.. labels.Select(c => Enumerable.Range(0, D).Select(d => Bernoulli.Sample(rng, probabilities[c, d])).ToArray())];
        }

        protected override void InitialiseComponents(Random rng)
        {
            p = new double[C, D];
            for (var c = 0; c < C; c++)
                for (var d = 0; d < D; d++) p[c, d] = 0.2 + 0.6 * rng.NextDouble();
        }

        protected override double LogComponent(int n, int c)
        {
            var total = 0.0;
            for (var d = 0; d < D; d++) total += Bernoulli.PMFLn(p[c, d], x[n][d]);
            return total;
        }

        protected override void MaximiseComponents(double[,] r)
        {
            for (var c = 0; c < C; c++)
            {
                var weights = Column(r, c).ToArray();
                var total = weights.Sum();
                for (var d = 0; d < D; d++) p[c, d] = Enumerable.Range(0, x.Length).Sum(n => weights[n] * x[n][d]) / total;
            }
        }

        protected override void AddComponentParameters(Dictionary<Expr, double> parameters)
        {
            for (var c = 0; c < C; c++)
                for (var d = 0; d < D; d++) parameters[Symbol.Of("p", c + 1, d + 1)] = p[c, d];
        }
    }
}
