using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Numerics;

/// <summary>
/// log p(x, z; Θ) = Σ over factors and elements of log h(v) + η(pa; Θ)ᵀT(v) − A(η), compiled from the
/// model's symbolic natural parameters, with its gradient in θ and in the continuous latents. The
/// gradient goes through the Jacobian: ∂/∂θ = Σ (T(v) − ∇A(η))ᵀ ∂η/∂θ, the same expression whose
/// stationarity the theorems use. Opaque functions are replaced by their concrete bodies; categorical
/// latents select one compiled variant per configuration (they are indices of parameters).
/// </summary>
public sealed class LogJoint
{
    private readonly FactorCode[] factors;
    private readonly Variant[][] variants; // [configuration][factor]
    private readonly int[] categoricalSlots;
    private readonly int[] categoricalSizes;

    /// <summary>Compiles <paramref name="model"/>'s log-joint.</summary>
    /// <exception cref="NumericException">An opaque function without a body, or too many categorical configurations.</exception>
    public LogJoint(Model model, ParameterSpace space, LatentLayout layout)
    {
        Model = model;
        Space = space;
        Layout = layout;
        var slots = new Dictionary<Symbol, int>();
        foreach (var s in space.Elements) slots[s] = slots.Count;
        foreach (var l in layout.Latents) slots[l.Symbol] = slots.Count;
        foreach (var x in layout.Observed) slots[x] = slots.Count;
        Slots = slots.ToImmutableDictionary();
        SlotCount = slots.Count;
        LatentStart = space.Count;
        ObservedStart = space.Count + layout.Latents.Length;

        var categorical = layout.Latents.Where(l => l.Support.Kind == SupportKind.Categorical).ToList();
        categoricalSlots = [.. categorical.Select(l => slots[l.Symbol])];
        categoricalSizes = [.. categorical.Select(l => l.Support.Size)];
        var configurations = categoricalSizes.Aggregate(1L, (a, k) => a * k);
        if (configurations > 4096)
            throw new NumericException($"the categorical latents have {configurations} joint configurations; numeric checks compile one variant per configuration and stop at 4096");

        var normalizer = new Normalizer(model.Assumptions);
        var parameterSet = space.Elements.ToHashSet();
        var continuous = layout.Latents.Where(l => !l.Support.IsDiscrete).Select(l => l.Symbol).ToHashSet();
        factors = [.. model.Factors.Select(f => new FactorCode(f, slots, continuous))];
        variants = new Variant[configurations][];
        for (var c = 0; c < configurations; c++)
        {
            var categories = Categories(c);
            var substitution = new Dictionary<Expr, Expr>();
            for (var i = 0; i < categorical.Count; i++) substitution[categorical[i].Symbol] = Number.Of(categories[i]);
            variants[c] = [.. model.Factors.Select((f, k) => new Variant(model, f, factors[k], substitution, categories, categorical, normalizer, slots, parameterSet, continuous))];
        }
    }

    /// <summary>The model.</summary>
    public Model Model { get; }

    /// <summary>The parameter vector's layout.</summary>
    public ParameterSpace Space { get; }

    /// <summary>The variables' layout.</summary>
    public LatentLayout Layout { get; }

    /// <summary>Each symbol's position in a slot array: θ, then latents, then observed coordinates.</summary>
    public ImmutableDictionary<Symbol, int> Slots { get; }

    /// <summary>The length of a slot array.</summary>
    public int SlotCount { get; }

    /// <summary>Where the latent coordinates start in a slot array.</summary>
    public int LatentStart { get; }

    /// <summary>Where the observed coordinates start in a slot array.</summary>
    public int ObservedStart { get; }

    /// <summary>Scratch space for one thread of evaluation.</summary>
    public Scratch NewScratch() => new(this);

    /// <summary>
    /// log p(x, z; θ) at the values in <paramref name="slots"/>. Adds <paramref name="weight"/> · ∂/∂θ to
    /// <paramref name="gradTheta"/> and ∂/∂z (continuous latents, indexed like the layout's latents) to
    /// <paramref name="gradLatent"/> when they are given.
    /// </summary>
    public double Evaluate(double[] slots, Scratch scratch, double[]? gradTheta = null, double weight = 1, double[]? gradLatent = null)
    {
        var configuration = 0;
        for (var i = 0; i < categoricalSlots.Length; i++) configuration = configuration * categoricalSizes[i] + (int)slots[categoricalSlots[i]] - 1;
        var total = 0.0;
        var row = variants[configuration];
        for (var f = 0; f < factors.Length; f++)
            total += row[f].Evaluate(factors[f], slots, scratch, gradTheta, weight, gradLatent, LatentStart);
        return total;
    }

    private int[] Categories(int configuration)
    {
        var result = new int[categoricalSizes.Length];
        for (var i = categoricalSizes.Length - 1; i >= 0; i--)
        {
            result[i] = configuration % categoricalSizes[i] + 1;
            configuration /= categoricalSizes[i];
        }
        return result;
    }

    /// <summary>Buffers reused across evaluations (one per thread).</summary>
    public sealed class Scratch
    {
        internal Scratch(LogJoint joint)
        {
            var maxEta = joint.variants.SelectMany(r => r).Max(v => v.EtaCount);
            var maxJac = joint.variants.SelectMany(r => r).Max(v => Math.Max(v.JacobianCount, v.LatentJacobianCount));
            var maxNat = joint.factors.Max(f => f.NaturalCount);
            var maxVar = joint.factors.Max(f => f.VariableCount);
            Eta = new double[maxEta];
            Residual = new double[maxEta];
            Jacobian = new double[Math.Max(1, maxJac)];
            EtaOne = new double[maxNat];
            Partition = new double[maxNat + 1];
            Variable = new double[maxVar];
            Statistics = new double[maxNat + 1];
            StatisticGradient = new double[maxVar * (maxNat + 1)];
        }

        internal double[] Eta { get; }
        internal double[] Residual { get; }
        internal double[] Jacobian { get; }
        internal double[] EtaOne { get; }
        internal double[] Partition { get; }
        internal double[] Variable { get; }
        internal double[] Statistics { get; }
        internal double[] StatisticGradient { get; }
    }

    // What a factor's family contributes, the same for every configuration: A and ∇A in η, and
    // log h and T (with their derivatives for a continuous latent) in the variable.
    private sealed class FactorCode
    {
        public FactorCode(Factor factor, IReadOnlyDictionary<Symbol, int> slots, HashSet<Symbol> continuous)
        {
            var family = factor.Family;
            NaturalCount = family.NaturalSymbols.Length;
            VariableCount = family.Variable.Length;
            IsCategorical = factor.IsCategorical;
            var etaSlots = family.NaturalSymbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            Partition = CompiledFunction.Compile([family.LogPartition, .. family.NaturalSymbols.Select(s => Differentiator.Differentiate(family.LogPartition, s))], etaSlots);
            var variableSlots = family.Variable.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            Statistics = CompiledFunction.Compile([family.LogBaseMeasure, .. family.Statistics], variableSlots);
            VariableSlots = IsCategorical ? [] : [.. factor.Elements.Select(e => e.Variable.Select(v => slots[v]).ToArray())];
            OwnLatent = factor.Role != FactorRole.Observable && !family.Support.IsDiscrete && factor.Elements.All(e => e.Variable.All(continuous.Contains));
            if (OwnLatent)
                StatisticGradient = CompiledFunction.Compile(
                    [.. family.Variable.SelectMany(v => new[] { family.LogBaseMeasure }.Concat(family.Statistics).Select(t => Differentiator.Differentiate(t, v)))], variableSlots);
        }

        public int NaturalCount { get; }
        public int VariableCount { get; }
        public bool IsCategorical { get; }
        public bool OwnLatent { get; }
        public CompiledFunction Partition { get; }
        public CompiledFunction Statistics { get; }
        public CompiledFunction? StatisticGradient { get; }
        public int[][] VariableSlots { get; }
    }

    // One factor at one configuration of the categorical latents: η for every element, ∂η/∂θ and ∂η/∂z.
    private sealed class Variant
    {
        private readonly CompiledFunction eta;
        private readonly CompiledFunction? jacobian;
        private readonly int[] jacobianEta = [], jacobianTheta = [];
        private readonly CompiledFunction? latentJacobian;
        private readonly int[] latentEta = [], latentIndex = [];
        private readonly double[]? oneHot;
        private readonly int elements;
        private readonly int natural;

        public Variant(Model model, Factor factor, FactorCode code, Dictionary<Expr, Expr> substitution, int[] categories,
            List<LatentCoordinate> categorical, Normalizer normalizer, IReadOnlyDictionary<Symbol, int> slots, HashSet<Symbol> parameters,
            HashSet<Symbol> continuous)
        {
            elements = factor.Elements.Length;
            natural = code.NaturalCount;
            var etas = factor.Elements.SelectMany(e => e.NaturalParameters).Select(e => NumericExpressions.Prepare(model, e, substitution, normalizer)).ToList();
            EtaCount = etas.Count;
            eta = CompiledFunction.Compile(etas, slots);
            var (jt, jp, jx) = (new List<int>(), new List<int>(), new List<Expr>());
            var (lt, lp, lx) = (new List<int>(), new List<int>(), new List<Expr>());
            for (var k = 0; k < etas.Count; k++)
            {
                foreach (var (symbol, derivative) in SparseGradient.Of(etas[k], parameters).OrderBy(p => slots[p.Key]))
                {
                    jt.Add(k);
                    jp.Add(slots[symbol]);
                    jx.Add(derivative);
                }
                foreach (var (symbol, derivative) in SparseGradient.Of(etas[k], continuous).OrderBy(p => slots[p.Key]))
                {
                    lt.Add(k);
                    lp.Add(slots[symbol]);
                    lx.Add(derivative);
                }
            }
            if (jx.Count > 0) (jacobian, jacobianEta, jacobianTheta) = (CompiledFunction.Compile(jx, slots), jt.ToArray(), jp.ToArray());
            if (lx.Count > 0) (latentJacobian, latentEta, latentIndex) = (CompiledFunction.Compile(lx, slots), lt.ToArray(), lp.ToArray());
            JacobianCount = jx.Count;
            LatentJacobianCount = lx.Count;
            if (code.IsCategorical)
            {
                var index = categorical.FindIndex(c => c.Factor == factor);
                oneHot = new double[code.VariableCount];
                if (categories[index] <= code.VariableCount) oneHot[categories[index] - 1] = 1;
            }
        }

        public int EtaCount { get; }
        public int JacobianCount { get; }
        public int LatentJacobianCount { get; }

        public double Evaluate(FactorCode code, double[] slots, Scratch s, double[]? gradTheta, double weight, double[]? gradLatent, int latentStart)
        {
            eta.Evaluate(slots, s.Eta);
            var total = 0.0;
            for (var e = 0; e < elements; e++)
            {
                var offset = e * natural;
                if (oneHot is not null) Array.Copy(oneHot, s.Variable, oneHot.Length);
                else
                {
                    var vs = code.VariableSlots[e];
                    for (var i = 0; i < vs.Length; i++) s.Variable[i] = slots[vs[i]];
                }
                code.Statistics.Evaluate(s.Variable, s.Statistics);
                Array.Copy(s.Eta, offset, s.EtaOne, 0, natural);
                code.Partition.Evaluate(s.EtaOne, s.Partition);
                var value = s.Statistics[0] - s.Partition[0];
                for (var k = 0; k < natural; k++)
                {
                    value += s.EtaOne[k] * s.Statistics[k + 1];
                    s.Residual[offset + k] = s.Statistics[k + 1] - s.Partition[k + 1];
                }
                total += value;
                if (gradLatent is not null && code.StatisticGradient is not null)
                {
                    // ∂/∂v of log h(v) + ηᵀT(v) for the factor's own continuous variable.
                    code.StatisticGradient.Evaluate(s.Variable, s.StatisticGradient);
                    var vs = code.VariableSlots[e];
                    for (var i = 0; i < vs.Length; i++)
                    {
                        var d = s.StatisticGradient[i * (natural + 1)];
                        for (var k = 0; k < natural; k++) d += s.EtaOne[k] * s.StatisticGradient[i * (natural + 1) + k + 1];
                        gradLatent[vs[i] - latentStart] += d;
                    }
                }
            }
            if (gradTheta is not null && jacobian is not null)
            {
                jacobian.Evaluate(slots, s.Jacobian);
                for (var i = 0; i < jacobianEta.Length; i++) gradTheta[jacobianTheta[i]] += weight * s.Residual[jacobianEta[i]] * s.Jacobian[i];
            }
            if (gradLatent is not null && latentJacobian is not null)
            {
                latentJacobian.Evaluate(slots, s.Jacobian);
                for (var i = 0; i < latentEta.Length; i++) gradLatent[latentIndex[i] - latentStart] += s.Residual[latentEta[i]] * s.Jacobian[i];
            }
            return total;
        }
    }
}
