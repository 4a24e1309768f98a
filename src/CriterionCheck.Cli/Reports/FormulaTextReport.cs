using System.Text;
using CriterionCheck.EntropySum;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>The text form of <c>formula</c>: the general entropy sum, the model's entropies, and the sum with them substituted.</summary>
public static class FormulaTextReport
{
    /// <summary>The report for one spec; <paramref name="exact"/> adds the closed form with exact posteriors.</summary>
    public static string Render(ModelCheck check, EntropySumFormula? formula, bool exact)
    {
        var model = check.Model;
        var s = new StringBuilder();
        s.Append($"== {model.SourceName}: {model.Title}\n");
        if (formula is null)
        {
            s.Append($"no entropy-sum form: the criterion is {CheckTextReport.Name(check.Verdict)}");
            s.Append(NoFormulaReason(check) is { } reason ? $" ({reason})\n" : "\n");
            return s.ToString();
        }
        s.Append($"theorem   {formula.Theorem} ({(formula.Theorem == 1 ? "constant base measures: entropies" : "a non-constant base measure: pseudo-entropies and a base-measure term")})\n");
        s.Append($"holds     {formula.Statement}\n");
        s.Append("\ngeneral form (paper Eq. 3)\n");
        s.Append($"  {FormulaNotation.Equation(formula, latex: false, specific: false)}\n");
        s.Append("\nwhere, for this model\n");
        foreach (var term in formula.Terms.Where(t => t.Kind is TermKind.Entropy or TermKind.PseudoEntropy or TermKind.BaseMeasure && t.Averaging != Averaging.Data))
            s.Append($"  {FormulaNotation.Placeholder(formula, term, false)} = {term.Display!.Text()}\n");
        foreach (var term in formula.Terms.Where(t => t.Averaging == Averaging.Data))
            s.Append($"  log h({term.Factor}) = {term.Display!.Text()}\n");
        s.Append("\nentropy sum\n");
        s.Append($"  {FormulaNotation.Equation(formula, latex: false, specific: true)}\n");
        if (formula.Theorem == 2)
        {
            s.Append("\nTheorem 2: H~[p] = A(eta) - eta^T grad A(eta) is the pseudo-entropy of a factor whose base measure h is not\n");
            s.Append("constant. F~ = F - (1/N) sum_n log h(x_n) (paper Eq. 49) equals the sum without the base-measure term, and the\n");
            s.Append("log-likelihood is bounded by the entropy sum above: L(Theta) >= F.\n");
        }
        if (exact && formula.ExactPosterior is { } form)
        {
            s.Append("\nwith exact posteriors q_n(z) = p(z | x_n), at stationary points\n");
            s.Append($"  {form.Text()}\n");
            foreach (var (_, text, _) in form.Definitions(model)) s.Append($"  {text}\n");
        }
        return s.ToString();
    }

    /// <summary>Why a spec has no entropy-sum form: the undecided verdict's reason or the first witness's.</summary>
    public static string? NoFormulaReason(ModelCheck check) => check.Reason ??
        check.Result.Groups.Select(g => g.Witness).OfType<Kernel.Witness>().Select(w => $"factors {string.Join(", ", w.Factors)}: {w.Reason}").FirstOrDefault();
}
