using System.Text;
using CriterionCheck.EntropySum;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>The LaTeX form of <c>formula</c>: an <c>align*</c> block to paste into a paper (needs amsmath).</summary>
public static class FormulaLatexReport
{
    /// <summary>The LaTeX for one spec.</summary>
    public static string Render(ModelCheck check, EntropySumFormula? formula, bool exact)
    {
        var s = new StringBuilder();
        s.Append($"% {check.Model.Title} ({check.Model.SourceName})\n");
        if (formula is null)
        {
            s.Append($"% no entropy-sum form: the criterion is {CheckTextReport.Name(check.Verdict)}\n");
            return s.ToString();
        }
        s.Append($"% Theorem {formula.Theorem}; holds {formula.Statement}\n");
        s.Append(Block(formula, exact));
        return s.ToString();
    }

    /// <summary>The align* block: general form, the model's entropies, the substituted sum (and the exact-posterior form).</summary>
    public static string Block(EntropySumFormula formula, bool exact) =>
        "\\begin{align*}\n  " + string.Join(" \\\\\n  ", FormulaNotation.LatexLines(formula, exact)) + "\n\\end{align*}\n";
}
