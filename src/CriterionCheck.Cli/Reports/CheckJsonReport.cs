using CriterionCheck.Symbolics.Printing;
using System.Text;
using System.Text.Json;
using CriterionCheck.Cli.Commands;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>The JSON form of <c>check</c>: one array, an object per spec.</summary>
public static class CheckJsonReport
{
    /// <summary>The array for <paramref name="specs"/>, ending with a newline: an entry per spec; one that could not be read has its file and the error.</summary>
    public static string Render(IReadOnlyList<CheckedSpec> specs)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ModelJsonReport.Options))
        {
            w.WriteStartArray();
            foreach (var spec in specs)
                if (spec.Check is { } check) Write(w, check);
                else
                {
                    w.WriteStartObject();
                    w.WriteString("file", spec.File);
                    w.WriteString("error", spec.Error);
                    w.WriteEndObject();
                }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter w, ModelCheck check)
    {
        var model = check.Model;
        var result = check.Result;
        w.WriteStartObject();
        w.WriteString("file", model.SourceName);
        w.WriteString("model", model.Title);
        w.WriteString("verdict", CheckTextReport.Name(check.Verdict));
        if (model.ExpectSatisfied is null) w.WriteNull("expected");
        else w.WriteString("expected", model.Claim);
        if (check.Verdict == Verdict.Satisfied && result.Theorem is { } theorem) w.WriteNumber("theorem", theorem);
        else w.WriteNull("theorem");
        w.WriteStartArray("stationaryIn");
        if (check.Verdict == Verdict.Satisfied) foreach (var p in result.StationaryIn) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteStartArray("factors");
        foreach (var factor in model.Factors)
        {
            var group = result.Groups.Single(g => g.Factors.Contains(factor.Variable));
            w.WriteStartObject();
            w.WriteString("variable", factor.Variable);
            w.WriteString("role", ModelTextReport.Role(factor.Role));
            w.WriteStartArray("parameters");
            foreach (var p in group.Certificate?.Theta.Where(factor.Parameters.Contains) ?? factor.Parameters) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteBoolean("satisfied", group.Certificate is not null);
            if (group.Certificate is { } certificate)
            {
                w.WriteStartObject("solution");
                var columns = NaturalRow.Of(model, [factor.Variable]).SelectMany(r => r.Eta.Symbols())
                    .Where(s => certificate.Theta.Contains(s.Name)).Distinct().OrderBy(s => s, ExprOrder.Instance);
                foreach (var column in columns)
                    w.WriteString(column.ToString(), TextPrinter.PrintExplicit(certificate.Coefficients.GetValueOrDefault(column, Number.Zero)));
                w.WriteEndObject();
            }
            else w.WriteNull("solution");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("allSizes", check.AllSizes);
        if (check.Verdict == Verdict.Violated) w.WriteBoolean("witnessAtLargerSizes", check.WitnessAtLargerSizes);
        w.WriteStartObject("sizes");
        foreach (var d in check.Sizes) w.WriteNumber(d.Name, d.Size);
        w.WriteEndObject();
        // The sizes --dims asked for, when a proof for every size (or a witness for larger sizes) carried the verdict there.
        if (!check.RequestedSizes.IsEmpty)
        {
            w.WriteStartObject("requestedSizes");
            foreach (var d in check.RequestedSizes) w.WriteNumber(d.Name, d.Size);
            w.WriteEndObject();
        }
        w.WritePropertyName("certificate");
        if (check.Verdict == Verdict.Satisfied && check.TemplateCertificate is { } all) CertificateJson.Write(w, all, allSizes: true);
        else if (check.Verdict == Verdict.Satisfied) CertificateJson.Write(w, result.Certificate!);
        else if (check.Verdict == Verdict.Violated) CertificateJson.Write(w, model, result.Witness!);
        else w.WriteNullValue();
        w.WriteBoolean("kernel", check.KernelAccepted);
        if (CheckTextReport.Evidence(check) is { } evidence) w.WriteString("evidence", evidence);
        else w.WriteNull("evidence");
        w.WriteStartArray("rejected");
        foreach (var r in result.Groups.SelectMany(g => g.Rejected)) w.WriteStringValue(r);
        w.WriteEndArray();
        if (check.Reason is null) w.WriteNull("reason");
        else w.WriteString("reason", check.Reason);
        w.WriteEndObject();
    }
}
