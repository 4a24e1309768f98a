using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// One factor prepared for EM: its family's kernel, and its natural parameters η (every element) with
/// their first and second derivatives in θ, compiled once per value of the categorical latents the
/// factor is indexed by (a mixture's p[c, d] is a different parameter for each c). Compiled functions
/// read a slot array holding θ and then the latent coordinates (<see cref="EmStructure.LatentStart"/>).
/// </summary>
public sealed class FactorPlan
{
    internal FactorPlan(Model model, Factor factor, int index, LatentLayout layout, IReadOnlyDictionary<Symbol, int> slots,
        ISet<Symbol> parameters, Normalizer normalizer, NaturalFamilyKernel kernel)
    {
        Factor = factor;
        Index = index;
        Kernel = kernel;
        Elements = factor.Elements.Length;
        Natural = kernel.Natural;
        var categorical = layout.Latents.Select((l, i) => (l, i))
            .Where(p => p.l.Support.Kind == SupportKind.Categorical && factor.Parents.Contains(p.l.Factor.Variable)).ToList();
        CategoricalParents = [.. categorical.Select(p => p.i)];
        ParentSizes = [.. categorical.Select(p => p.l.Support.Size)];
        var count = ParentSizes.Aggregate(1L, (a, k) => a * k);
        if (count > 4096) throw new NumericException($"{factor.Variable} is indexed by {count} categorical configurations; EM compiles one variant per configuration and stops at 4096");
        var variants = new Variant[count];
        for (var v = 0; v < count; v++)
        {
            var substitution = new Dictionary<Expr, Expr>();
            var rest = v;
            for (var i = categorical.Count - 1; i >= 0; i--)
            {
                substitution[categorical[i].l.Symbol] = Number.Of(rest % ParentSizes[i] + 1);
                rest /= ParentSizes[i];
            }
            variants[v] = new Variant(model, factor, substitution, normalizer, slots, parameters);
        }
        Variants = [.. variants];
        if (factor.Role == FactorRole.Observable)
        {
            var columns = layout.Observed.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            Variable = [.. factor.Elements.Select(e => e.Variable.Select(s => columns[s]).ToArray())];
        }
        else
        {
            var positions = layout.Latents.Select((l, i) => (l.Symbol, i)).ToDictionary(p => p.Symbol, p => p.i);
            Variable = [.. factor.Elements.Select(e => e.Variable.Select(s => positions[s]).ToArray())];
        }
    }

    /// <summary>The factor.</summary>
    public Factor Factor { get; }

    /// <summary>Its position in the model's factors.</summary>
    public int Index { get; }

    /// <summary>Its family's kernel.</summary>
    public NaturalFamilyKernel Kernel { get; }

    /// <summary>E, the number of plate elements.</summary>
    public int Elements { get; }

    /// <summary>k, the natural parameters per element.</summary>
    public int Natural { get; }

    /// <summary>Positions (in the layout's latents) of the categorical latents that index the factor's parameters.</summary>
    public ImmutableArray<int> CategoricalParents { get; }

    /// <summary>Their sizes.</summary>
    public ImmutableArray<int> ParentSizes { get; }

    /// <summary>One compiled variant per joint value of <see cref="CategoricalParents"/> (one when there are none).</summary>
    public ImmutableArray<Variant> Variants { get; }

    /// <summary>Per element, where its variable's coordinates are: data columns for the observable, latent positions otherwise.</summary>
    public ImmutableArray<int[]> Variable { get; }

    /// <summary>The variant for latent values <paramref name="latents"/> (the layout's order; categories 1..K).</summary>
    public int VariantOf(ReadOnlySpan<double> latents)
    {
        var v = 0;
        for (var i = 0; i < CategoricalParents.Length; i++) v = v * ParentSizes[i] + (int)latents[CategoricalParents[i]] - 1;
        return v;
    }

    /// <summary>
    /// One variant: η for every element (element-major, k per element), the nonzero ∂η/∂θ and the nonzero
    /// ∂²η/∂θ_a∂θ_b (a ≤ b), each compiled into one function of the slot array.
    /// </summary>
    public sealed class Variant
    {
        internal Variant(Model model, Factor factor, Dictionary<Expr, Expr> substitution, Normalizer normalizer,
            IReadOnlyDictionary<Symbol, int> slots, ISet<Symbol> parameters)
        {
            var parameterSet = parameters as IReadOnlySet<Symbol> ?? parameters.ToHashSet();
            var etas = factor.Elements.SelectMany(e => e.NaturalParameters).Select(e => NumericExpressions.Prepare(model, e, substitution, normalizer)).ToList();
            Eta = CompiledFunction.Compile(etas, slots);
            Arguments = [.. factor.Elements.Select(e => e.Arguments.Select(a => NumericExpressions.Prepare(model, a, substitution, normalizer)).ToImmutableArray())];
            var (je, jt, jx) = (new List<int>(), new List<int>(), new List<Expr>());
            var (he, ha, hb, hx) = (new List<int>(), new List<int>(), new List<int>(), new List<Expr>());
            for (var k = 0; k < etas.Count; k++)
                foreach (var (symbol, derivative) in SparseGradient.Of(etas[k], parameterSet).OrderBy(p => slots[p.Key]))
                {
                    je.Add(k);
                    jt.Add(slots[symbol]);
                    jx.Add(derivative);
                    foreach (var (other, second) in SparseGradient.Of(derivative, parameterSet))
                    {
                        if (slots[other] < slots[symbol]) continue; // symmetric: a ≤ b only
                        he.Add(k);
                        ha.Add(slots[symbol]);
                        hb.Add(slots[other]);
                        hx.Add(second);
                    }
                }
            if (jx.Count > 0) Jacobian = CompiledFunction.Compile(jx, slots);
            if (hx.Count > 0) SecondDerivatives = CompiledFunction.Compile(hx, slots);
            (JacobianEta, JacobianTheta) = ([.. je], [.. jt]);
            (SecondEta, SecondA, SecondB) = ([.. he], [.. ha], [.. hb]);
            // Entries come in η order, so each element's are contiguous.
            var natural = factor.Family.NaturalSymbols.Length;
            JacobianStart = [.. Starts(je, factor.Elements.Length, natural)];
            SecondStart = [.. Starts(he, factor.Elements.Length, natural)];
        }

        /// <summary>η of every element.</summary>
        public CompiledFunction Eta { get; }

        /// <summary>The nonzero entries of ∂η/∂θ, or null when η depends on no parameter.</summary>
        public CompiledFunction? Jacobian { get; }

        /// <summary>The η index (element·k + i) of each Jacobian entry.</summary>
        public ImmutableArray<int> JacobianEta { get; }

        /// <summary>The θ index of each Jacobian entry.</summary>
        public ImmutableArray<int> JacobianTheta { get; }

        /// <summary>The nonzero ∂²η/∂θ_a∂θ_b with a ≤ b, or null when η is linear in θ.</summary>
        public CompiledFunction? SecondDerivatives { get; }

        /// <summary>The η index of each second derivative.</summary>
        public ImmutableArray<int> SecondEta { get; }

        /// <summary>θ_a of each second derivative.</summary>
        public ImmutableArray<int> SecondA { get; }

        /// <summary>θ_b of each second derivative (b ≥ a).</summary>
        public ImmutableArray<int> SecondB { get; }

        /// <summary>Where each element's Jacobian entries start (E + 1 offsets).</summary>
        public ImmutableArray<int> JacobianStart { get; }

        /// <summary>Where each element's second derivatives start (E + 1 offsets).</summary>
        public ImmutableArray<int> SecondStart { get; }

        private static int[] Starts(List<int> etaOfEntry, int elements, int natural)
        {
            var starts = new int[elements + 1];
            var at = 0;
            for (var e = 0; e <= elements; e++)
            {
                while (at < etaOfEntry.Count && etaOfEntry[at] / natural < e) at++;
                starts[e] = at;
            }
            return starts;
        }

        /// <summary>Every element's family arguments in free parameter elements (categorical indices substituted).</summary>
        public ImmutableArray<ImmutableArray<Expr>> Arguments { get; }
    }
}
