using CriterionCheck.Symbolics.Printing;
using System.Text;
using System.Text.Json;
using CriterionCheck.EntropySum;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>
/// The JSON form of <c>formula</c>: text, LaTeX and, per term, a machine-evaluable expression in the
/// spec's expression syntax (plates summed out at the spec's sizes; a categorical latent stays a symbol
/// inside indices).
/// </summary>
public static class FormulaJsonReport
{
    /// <summary>One JSON object, ending with a newline.</summary>
    public static string Render(ModelCheck check, EntropySumFormula? formula, bool exact)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ModelJsonReport.Options))
        {
            var model = check.Model;
            w.WriteStartObject();
            w.WriteString("file", model.SourceName);
            w.WriteString("model", model.Title);
            w.WriteString("verdict", CheckTextReport.Name(check.Verdict));
            if (formula is null)
            {
                w.WriteNull("theorem");
                w.WriteNull("formula");
                if (FormulaTextReport.NoFormulaReason(check) is { } reason) w.WriteString("reason", reason);
                else w.WriteNull("reason");
                w.WriteEndObject();
            }
            else
            {
                w.WriteNumber("theorem", formula.Theorem);
                w.WriteStartArray("stationaryIn");
                foreach (var p in formula.StationaryIn) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteString("statement", formula.Statement);
                w.WriteStartObject("formula");
                w.WriteStartObject("general");
                w.WriteString("text", FormulaNotation.Equation(formula, latex: false, specific: false));
                w.WriteString("latex", FormulaNotation.Equation(formula, latex: true, specific: false));
                w.WriteEndObject();
                w.WriteStartObject("specific");
                w.WriteString("text", FormulaNotation.Equation(formula, latex: false, specific: true));
                w.WriteString("latex", FormulaNotation.Equation(formula, latex: true, specific: true));
                w.WriteEndObject();
                w.WriteStartArray("terms");
                foreach (var term in formula.Terms) Write(w, formula, term);
                w.WriteEndArray();
                w.WriteEndObject();
                if (exact && formula.ExactPosterior is { } form)
                {
                    w.WriteStartObject("exactPosterior");
                    w.WriteString("text", form.Text());
                    w.WriteString("latex", form.Latex());
                    w.WriteStartArray("priorVariances");
                    foreach (var v in form.PriorVariances) w.WriteStringValue(v.ToString());
                    w.WriteEndArray();
                    w.WriteStartArray("loadings");
                    foreach (var row in form.Loadings)
                    {
                        w.WriteStartArray();
                        foreach (var v in row) w.WriteStringValue(v.ToString());
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("noiseVariances");
                    foreach (var v in form.NoiseVariances) w.WriteStringValue(v.ToString());
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                else w.WriteNull("exactPosterior");
                w.WriteEndObject();
            }
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter w, EntropySumFormula formula, EntropyTerm term)
    {
        w.WriteStartObject();
        w.WriteString("kind", term.Kind switch
        {
            TermKind.VariationalEntropy => "variationalEntropy",
            TermKind.Entropy => "entropy",
            TermKind.PseudoEntropy => "pseudoEntropy",
            _ => "baseMeasure",
        });
        w.WriteNumber("sign", term.Sign);
        if (term.Factor is null) w.WriteNull("factor");
        else w.WriteString("factor", term.Factor);
        w.WriteString("average", term.Averaging switch { Averaging.None => "none", Averaging.AggregatePosterior => "aggregatePosterior", _ => "data" });
        w.WriteStartArray("over");
        foreach (var o in term.Over) w.WriteStringValue(o);
        w.WriteEndArray();
        w.WriteString("text", FormulaNotation.Specific(formula, term, latex: false));
        w.WriteString("latex", FormulaNotation.Specific(formula, term, latex: true));
        if (term.Value is null) w.WriteNull("expression");
        else w.WriteString("expression", TextPrinter.PrintExplicit(term.Value));
        w.WriteEndObject();
    }
}
