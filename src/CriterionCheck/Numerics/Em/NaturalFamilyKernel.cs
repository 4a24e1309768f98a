using CriterionCheck.Families;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// What EM needs of an exponential family in its natural parameters, compiled once from the family's
/// own symbolic description: T(v) and log h(v) for a value of the variable; A(η), ∇A(η), ∇²A(η) and the
/// pseudo-entropy H̃(η) = A − ηᵀ∇A (derived, as everywhere else, from A). One instance serves every
/// factor of the family; evaluation needs a <see cref="Buffers"/> per thread. The built-in families also
/// have the same quantities written out in C# (they run inside every E-step and M-step, where a compiled
/// delegate per element would dominate); tests hold the two to each other.
/// </summary>
public sealed class NaturalFamilyKernel
{
    private readonly CompiledFunction partition;
    private readonly CompiledFunction statistics;

    /// <summary>Compiles <paramref name="family"/>.</summary>
    public NaturalFamilyKernel(ExponentialFamily family)
    {
        Family = family;
        Natural = family.NaturalSymbols.Length;
        var etaSlots = family.NaturalSymbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var a = family.LogPartition;
        var outputs = new List<Expr> { a };
        var first = family.NaturalSymbols.Select(s => Differentiator.Differentiate(a, s)).ToList();
        outputs.AddRange(first);
        for (var i = 0; i < Natural; i++)
            for (var j = i; j < Natural; j++) outputs.Add(Differentiator.Differentiate(first[i], family.NaturalSymbols[j]));
        outputs.Add(EntropyDerivation.PseudoEntropyInNaturalParameters(family));
        partition = CompiledFunction.Compile(outputs, etaSlots);
        var variableSlots = family.Variable.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        statistics = CompiledFunction.Compile([family.LogBaseMeasure, .. family.Statistics], variableSlots);
        if (family.HasConstantBaseMeasure) ConstantLogBase = Evaluator.Evaluate(family.LogBaseMeasure, new Dictionary<Expr, double>());
        builtIn = Recognise(family);
    }

    private readonly BuiltIn builtIn;

    // The built-in families, by their name and shape (a spec cannot declare a family under a built-in name).
    private enum BuiltIn { None, Bernoulli, Binomial, Poisson, Categorical, Normal, Exponential, Gamma, Beta, Laplace }

    private static BuiltIn Recognise(ExponentialFamily f) => (f.Name, f.NaturalSymbols.Length, f.Variable.Length) switch
    {
        ("Bernoulli", 1, 1) => BuiltIn.Bernoulli,
        ("Binomial", 1, 1) => BuiltIn.Binomial,
        ("Poisson", 1, 1) => BuiltIn.Poisson,
        ("Categorical", var k, var v) when k == v && k == f.Support.Size - 1 => BuiltIn.Categorical,
        ("Normal", 2, 1) => BuiltIn.Normal,
        ("Exponential", 1, 1) => BuiltIn.Exponential,
        ("Gamma", 2, 1) => BuiltIn.Gamma,
        ("Beta", 2, 1) => BuiltIn.Beta,
        ("Laplace", 1, 1) => BuiltIn.Laplace,
        _ => BuiltIn.None,
    };

    /// <summary>True when the family's quantities are evaluated by written-out code rather than compiled from its symbolic form.</summary>
    public bool IsBuiltIn => builtIn != BuiltIn.None;

    /// <summary>A kernel that always evaluates the compiled symbolic form (the oracle for the written-out code).</summary>
    public NaturalFamilyKernel Symbolic() => new(Family, symbolicOnly: true);

    private NaturalFamilyKernel(ExponentialFamily family, bool symbolicOnly) : this(family)
    {
        if (symbolicOnly) builtIn = BuiltIn.None;
    }

    /// <summary>The family.</summary>
    public ExponentialFamily Family { get; }

    /// <summary>k, the number of natural parameters (and statistics).</summary>
    public int Natural { get; }

    /// <summary>log h when it does not depend on the variable (Theorem 1); null otherwise.</summary>
    public double? ConstantLogBase { get; }

    /// <summary>True for a categorical family, whose variable is held as a category number 1..K.</summary>
    public bool IsCategorical => Family.Support.Kind == SupportKind.Categorical;

    /// <summary>Scratch arrays for one thread.</summary>
    public Buffers NewBuffers() => new(this);

    /// <summary>
    /// T(v) into <paramref name="t"/> (k values) and log h(v) as the result. <paramref name="value"/> is the
    /// element's variable as the layout holds it: its coordinates, or a categorical's category.
    /// </summary>
    public double Statistics(ReadOnlySpan<double> value, Span<double> t, Buffers b)
    {
        var x = value[0];
        switch (builtIn)
        {
            case BuiltIn.Bernoulli or BuiltIn.Exponential: t[0] = x; return 0;
            case BuiltIn.Poisson: t[0] = x; return -SpecialFunctions.LogGamma(x + 1);
            case BuiltIn.Binomial:
                var n = Family.Support.Size;
                t[0] = x;
                return SpecialFunctions.LogGamma(n + 1) - SpecialFunctions.LogGamma(x + 1) - SpecialFunctions.LogGamma(n - x + 1);
            case BuiltIn.Normal: t[0] = x; t[1] = x * x; return -0.5 * Math.Log(2 * Math.PI);
            case BuiltIn.Gamma: t[0] = Math.Log(x); t[1] = x; return 0;
            case BuiltIn.Beta: t[0] = Math.Log(x); t[1] = Math.Log(1 - x); return 0;
            case BuiltIn.Laplace: t[0] = Math.Abs(x); return 0;
            case BuiltIn.Categorical:
                t.Clear();
                if ((int)x <= t.Length) t[(int)x - 1] = 1;
                return 0;
        }
        if (IsCategorical)
        {
            Array.Clear(b.Variable);
            var category = (int)value[0];
            if (category <= b.Variable.Length) b.Variable[category - 1] = 1;
        }
        else value.CopyTo(b.Variable);
        statistics.Evaluate(b.Variable, b.Statistics);
        b.Statistics.AsSpan(1, Natural).CopyTo(t);
        return b.Statistics[0];
    }

    /// <summary>
    /// A(η), ∇A(η) (in <see cref="Buffers.Gradient"/>), ∇²A(η) (in <see cref="Buffers.Hessian"/>, k×k row-major)
    /// and H̃(η) (in <see cref="Buffers.PseudoEntropy"/>) at <paramref name="eta"/>; returns A.
    /// </summary>
    public double Partition(ReadOnlySpan<double> eta, Buffers b)
    {
        if (builtIn != BuiltIn.None) return WrittenOut(eta, b);
        eta.CopyTo(b.Eta);
        partition.Evaluate(b.Eta, b.Partition);
        var k = Natural;
        for (var i = 0; i < k; i++) b.Gradient[i] = b.Partition[1 + i];
        var at = 1 + k;
        for (var i = 0; i < k; i++)
            for (var j = i; j < k; j++, at++) b.Hessian[i * k + j] = b.Hessian[j * k + i] = b.Partition[at];
        b.PseudoEntropy = b.Partition[at];
        return b.Partition[0];
    }

    // A, ∇A, ∇²A and H̃ of the built-in families, as the symbolic derivation gives them.
    private double WrittenOut(ReadOnlySpan<double> eta, Buffers b)
    {
        var (g, h) = (b.Gradient, b.Hessian);
        double a;
        switch (builtIn)
        {
            case BuiltIn.Bernoulli or BuiltIn.Binomial:
            {
                var n = builtIn == BuiltIn.Binomial ? Family.Support.Size : 1;
                var p = SpecialFunctions.Sigmoid(eta[0]);
                a = n * SpecialFunctions.Softplus(eta[0]);
                g[0] = n * p;
                h[0] = n * p * (1 - p);
                b.PseudoEntropy = a - eta[0] * g[0];
                return a;
            }
            case BuiltIn.Poisson:
                a = Math.Exp(eta[0]);
                (g[0], h[0]) = (a, a);
                b.PseudoEntropy = a * (1 - eta[0]);
                return a;
            case BuiltIn.Exponential or BuiltIn.Laplace:
                // A = −log(−η) (+ log 2 for the Laplace), ∇A = −1/η, ∇²A = 1/η².
                a = -Math.Log(-eta[0]) + (builtIn == BuiltIn.Laplace ? Math.Log(2) : 0);
                g[0] = -1 / eta[0];
                h[0] = 1 / (eta[0] * eta[0]);
                b.PseudoEntropy = a - eta[0] * g[0];
                return a;
            case BuiltIn.Categorical:
            {
                var k = Natural;
                var max = 0.0;
                for (var i = 0; i < k; i++) max = Math.Max(max, eta[i]);
                var sum = Math.Exp(-max);
                for (var i = 0; i < k; i++) sum += Math.Exp(eta[i] - max);
                a = max + Math.Log(sum);
                var dot = 0.0;
                for (var i = 0; i < k; i++)
                {
                    g[i] = Math.Exp(eta[i] - a);
                    dot += eta[i] * g[i];
                }
                for (var i = 0; i < k; i++)
                    for (var j = 0; j < k; j++) h[i * k + j] = (i == j ? g[i] : 0) - g[i] * g[j];
                b.PseudoEntropy = a - dot;
                return a;
            }
            case BuiltIn.Normal:
            {
                var (e1, e2) = (eta[0], eta[1]);
                a = -e1 * e1 / (4 * e2) - 0.5 * Math.Log(-2 * e2);
                g[0] = -e1 / (2 * e2);
                g[1] = e1 * e1 / (4 * e2 * e2) - 1 / (2 * e2);
                h[0] = -1 / (2 * e2);
                h[1] = h[2] = e1 / (2 * e2 * e2);
                h[3] = -e1 * e1 / (2 * e2 * e2 * e2) + 1 / (2 * e2 * e2);
                b.PseudoEntropy = 0.5 - 0.5 * Math.Log(-2 * e2);
                return a;
            }
            case BuiltIn.Gamma:
            {
                var (shape, rate) = (eta[0] + 1, -eta[1]);
                a = SpecialFunctions.LogGamma(shape) - shape * Math.Log(rate);
                g[0] = SpecialFunctions.Digamma(shape) - Math.Log(rate);
                g[1] = shape / rate;
                h[0] = SpecialFunctions.Trigamma(shape);
                h[1] = h[2] = 1 / rate;
                h[3] = shape / (rate * rate);
                b.PseudoEntropy = a - eta[0] * g[0] - eta[1] * g[1];
                return a;
            }
            case BuiltIn.Beta:
            {
                var (x, y) = (eta[0] + 1, eta[1] + 1);
                a = SpecialFunctions.LogGamma(x) + SpecialFunctions.LogGamma(y) - SpecialFunctions.LogGamma(x + y);
                var (dx, dy, ds) = (SpecialFunctions.Digamma(x), SpecialFunctions.Digamma(y), SpecialFunctions.Digamma(x + y));
                var (tx, ty, ts) = (SpecialFunctions.Trigamma(x), SpecialFunctions.Trigamma(y), SpecialFunctions.Trigamma(x + y));
                (g[0], g[1]) = (dx - ds, dy - ds);
                (h[0], h[1], h[2], h[3]) = (tx - ts, -ts, -ts, ty - ts);
                b.PseudoEntropy = a - eta[0] * g[0] - eta[1] * g[1];
                return a;
            }
            default: throw new InvalidOperationException();
        }
    }

    /// <summary>Scratch space for a kernel's evaluations (one per thread).</summary>
    public sealed class Buffers
    {
        internal Buffers(NaturalFamilyKernel kernel)
        {
            var k = kernel.Natural;
            Eta = new double[k];
            Partition = new double[2 + k + k * (k + 1) / 2];
            Gradient = new double[k];
            Hessian = new double[k * k];
            Variable = new double[kernel.Family.Variable.Length];
            Statistics = new double[1 + k];
        }

        internal double[] Eta { get; }
        internal double[] Partition { get; }
        internal double[] Variable { get; }
        internal double[] Statistics { get; }

        /// <summary>∇A at the last <see cref="Partition"/>.</summary>
        public double[] Gradient { get; }

        /// <summary>∇²A at the last <see cref="Partition"/>, k×k row-major.</summary>
        public double[] Hessian { get; }

        /// <summary>H̃ = A − ηᵀ∇A at the last <see cref="Partition"/>.</summary>
        public double PseudoEntropy { get; internal set; }
    }
}
