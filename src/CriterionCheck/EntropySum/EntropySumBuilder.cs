using CriterionCheck.Criterion;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Symbolics.Printing;
using CriterionCheck.Verification;

namespace CriterionCheck.EntropySum;

/// <summary>
/// Builds the entropy-sum form from a checked model (design §1, docs/design.md). At a point stationary in θ and Ψ, each
/// factor v contributes E_q̄[log h(v)] − E_q̄[H̃(v | parents)]; with a constant base measure that is
/// −E_q̄[H(v | parents)], otherwise the pseudo-entropy and the base-measure term stay (Theorem 2).
/// Entropies are the families' derived ones with the factor's arguments substituted.
/// </summary>
public static class EntropySumBuilder
{
    /// <summary>The formula for a model whose criterion holds; null when the verdict is not "satisfied".</summary>
    public static EntropySumFormula? Build(ModelCheck check)
    {
        if (check.Verdict != Verdict.Satisfied || check.Result.Theorem is not { } theorem) return null;
        return Build(check.Target, theorem, check.Result.StationaryIn, withClosedForm: true, check.AllSizes ? check.Target.Template : null);
    }

    /// <summary>
    /// The sum the theorems would give if the criterion held, built for any model — what a numeric check
    /// compares a counterexample's ELBO with. Stationarity is taken in every parameter; no closed form.
    /// </summary>
    public static EntropySumFormula Candidate(Model model) =>
        Build(model, model.Factors.Any(f => !f.Family.HasConstantBaseMeasure) ? 2 : 1, [.. model.Parameters.Select(p => p.Name)], withClosedForm: false);

    private static EntropySumFormula Build(Model model, int theorem, System.Collections.Immutable.ImmutableArray<string> stationaryIn, bool withClosedForm,
        TemplateModel? template = null)
    {
        var normalizer = new Normalizer(model.Assumptions);
        var latentNames = model.Factors.Where(f => f.Role != FactorRole.Observable).Select(f => f.Variable).ToList();
        var terms = new List<EntropyTerm> { new(TermKind.VariationalEntropy, 1, null, null, Averaging.AggregatePosterior, [.. latentNames], null, null) };
        DisplayExpression? noiseEntropy = null;
        foreach (var factor in model.Factors)
        {
            var family = factor.Family;
            var pseudo = family.Entropy is null;
            var entropy = pseudo ? family.PseudoEntropy : family.Entropy!;
            var values = factor.Elements.Select(e => normalizer.Apply(Substitution.Substitute(entropy, family.ArgumentMap(e.Arguments)))).ToList();
            var value = Sum.Of(values);
            var mentioned = value.Symbols().Select(s => s.Name).ToHashSet(); // index symbols (alpha[c]) included
            var over = latentNames.Where(mentioned.Contains).ToList();
            var shown = family.EntropyDisplay is { } paper && !pseudo ? paper : entropy;
            var display = Override(model, factor) ?? Template(template, factor, shown)
                ?? PlateGeneralization.Of(model, factor, shown == entropy ? values : [.. factor.Elements.Select(e => Substitution.Substitute(shown, family.ArgumentMap(e.Arguments)))]);
            terms.Add(new EntropyTerm(pseudo ? TermKind.PseudoEntropy : TermKind.Entropy, -1, factor.Variable, factor.Role,
                over.Count == 0 ? Averaging.None : Averaging.AggregatePosterior, [.. over], value, display));
            if (factor.Role == FactorRole.Observable && !pseudo) noiseEntropy = display;
            if (!pseudo) continue;
            // Theorem 2: E[log h(v)] stays, over the data for the observable and over q̄ for a latent.
            var logH = factor.Elements.Select(e => normalizer.Apply(Substitution.Substitute(family.LogBaseMeasure,
                family.Variable.Select((v, i) => (v, i)).ToDictionary(p => (Expr)p.v, p => (Expr)e.Variable[p.i])))).ToList();
            terms.Add(new EntropyTerm(TermKind.BaseMeasure, 1, factor.Variable, factor.Role,
                factor.Role == FactorRole.Observable ? Averaging.Data : Averaging.AggregatePosterior,
                factor.Role == FactorRole.Observable ? [] : [factor.Variable], Sum.Of(logH), PlateGeneralization.Of(model, factor, logH)));
        }
        var exact = noiseEntropy is null || !withClosedForm ? null : LinearGaussianForm.Detect(model, noiseEntropy);
        return new EntropySumFormula(model, theorem, stationaryIn, [.. terms], exact);
    }

    // For every size: the entropy in the factor's argument templates, summed over its plates. Sums over
    // a size stay sums (Σ_h W[d,h] z[h]), so the display does not grow with the sizes.
    private static DisplayExpression? Template(TemplateModel? template, Factor factor, Expr entropy)
    {
        if (template?.Factor(factor.Variable) is not { Arguments.IsEmpty: false } tf) return null;
        var body = Substitution.Substitute(entropy, factor.Family.ArgumentMap(tf.Arguments));
        return new DisplayExpression([.. factor.Plates.Select(p => new PlateIndex(p.Index!, p.Dimension.Name))], body);
    }

    // Entropies are right but not always how a reader writes them: the categorical one comes out in the
    // free weights, the multivariate normal's as a log-determinant of entries. Tests check these
    // displays against the values numerically.
    private static DisplayExpression? Override(Model model, Factor factor)
    {
        if (factor.Family.Name == "Categorical" && factor.Plates.Any() is false)
        {
            var weights = factor.Elements[0].Arguments.OfType<Symbol>().Select(s => s.Name).Distinct().ToList();
            if (weights.Count != 1 || model.Parameters.FirstOrDefault(p => p.Name == weights[0]) is not { Shape.Length: 1 } block) return null;
            var index = new[] { "k", "j", "i" }.FirstOrDefault(n => model.Parameters.All(p => p.Name != n) && model.Factors.All(f => f.Variable != n));
            if (index is null) return null;
            var p = Symbol.Of(block.Name, Symbol.Of(index));
            return new DisplayExpression([new PlateIndex(index, block.Shape[0].Name)], -(p * FunctionCall.Log(p)));
        }
        if (factor.Family.Name == "MvNormal" && factor.Axes.FirstOrDefault(a => !a.IsPlate) is { } axis && Arguments(factor.Distribution) is [_, var covariance])
        {
            string latex;
            try { latex = LatexPrinter.Print(ExpressionParser.Parse(covariance)); }
            catch (Exception e) when (e is ExpressionException or SymbolicException) { latex = $"\\mathrm{{{covariance}}}"; }
            var d = axis.Dimension.Name;
            return new DisplayExpression([], null, $"{d}/2*log(2*pi*e) + 1/2*log(det({covariance}))",
                $"\\frac{{{LatexPrinter.Name(d)}}}{{2}}\\log(2\\pi e) + \\frac{{1}}{{2}}\\log\\det {latex}");
        }
        return null;
    }

    // The arguments of "Family(a, b[c], …)" as written, split at top-level commas.
    private static List<string>? Arguments(string distribution)
    {
        var open = distribution.IndexOf('(');
        if (open < 0 || !distribution.EndsWith(')')) return null;
        var result = new List<string>();
        var (depth, start) = (0, open + 1);
        for (var i = open + 1; i < distribution.Length - 1; i++)
        {
            var ch = distribution[i];
            if (ch is '(' or '[') depth++;
            else if (ch is ')' or ']') depth--;
            else if (ch == ',' && depth == 0) { result.Add(distribution[start..i].Trim()); start = i + 1; }
        }
        result.Add(distribution[start..^1].Trim());
        return result;
    }
}
