using CriterionCheck.Symbolics.Printing;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CriterionCheck.Families;
using CriterionCheck.Models;

namespace CriterionCheck.Cli.Reports;

/// <summary>The JSON form of <c>show</c>: the same content as the text form, every element listed.</summary>
public static class ModelJsonReport
{
    /// <summary>Indented, with non-ASCII characters kept readable.</summary>
    public static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON document for <paramref name="model"/>, ending with a newline.</summary>
    public static string Render(Model model)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options)) Write(w, model);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the model as one JSON object.</summary>
    public static void Write(Utf8JsonWriter w, Model model)
    {
        w.WriteStartObject();
        w.WriteString("file", model.SourceName);
        w.WriteString("model", model.Title);
        if (model.ExpectSatisfied is null) w.WriteNull("expected");
        else w.WriteString("expected", model.Claim);
        w.WriteStartObject("dims");
        foreach (var d in model.Dimensions) w.WriteNumber(d.Name, d.Size);
        w.WriteEndObject();

        w.WriteStartArray("parameters");
        foreach (var p in model.Parameters)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            Strings(w, "shape", p.Shape.Select(d => d.Name));
            w.WriteStartArray("sizes");
            foreach (var d in p.Shape) w.WriteNumberValue(d.Size);
            w.WriteEndArray();
            w.WriteString("domain", p.Domain.Keyword());
            Strings(w, "freeElements", p.FreeElements.Select(e => e.ToString()));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("functions");
        foreach (var f in model.Functions)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("signature", f.Signature);
            Strings(w, "inputs", f.Inputs);
            Strings(w, "parameters", f.Parameters);
            if (f.HasBody) Strings(w, "body", f.Body.Select(e => e.ToString()));
            else w.WriteNull("body");
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("families");
        foreach (var definition in model.Families) WriteFamily(w, definition.Instantiate([.. definition.Signature.Select(_ => 1)]));
        w.WriteEndArray();

        w.WriteStartArray("factors");
        foreach (var factor in model.Factors)
        {
            w.WriteStartObject();
            w.WriteString("variable", factor.Variable);
            w.WriteString("role", ModelTextReport.Role(factor.Role));
            w.WriteString("declaration", factor.Declaration);
            w.WriteString("distribution", factor.Distribution);
            w.WriteString("family", factor.Family.Name);
            w.WriteString("support", factor.Family.Support.Keyword);
            w.WriteBoolean("constantBaseMeasure", factor.Family.HasConstantBaseMeasure);
            w.WriteStartArray("plates");
            foreach (var a in factor.Axes)
            {
                w.WriteStartObject();
                if (a.Index is null) w.WriteNull("index");
                else w.WriteString("index", a.Index);
                w.WriteString("size", a.Dimension.Name);
                w.WriteBoolean("plate", a.IsPlate);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Strings(w, "parents", factor.Parents);
            Strings(w, "parameters", factor.Parameters);
            w.WriteNumber("line", factor.Line);
            w.WriteStartArray("elements");
            foreach (var e in factor.Elements)
            {
                w.WriteStartObject();
                w.WriteString("element", e.Label(factor.Variable));
                Strings(w, "variable", e.Variable.Select(v => v.ToString()));
                Strings(w, "naturalParameters", e.NaturalParameters.Select(TextPrinter.PrintExplicit));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "tiedParameters", model.TiedParameters);
        w.WriteEndObject();
    }

    private static void WriteFamily(Utf8JsonWriter w, ExponentialFamily f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        Strings(w, "parameters", f.Parameters.Select(p => $"{p.Name} {p.Domain.Keyword()}"));
        w.WriteString("support", f.Support.Keyword);
        Strings(w, "natural", f.NaturalMap.Select(TextPrinter.PrintExplicit));
        Strings(w, "statistics", f.Statistics.Select(e => e.ToString()));
        w.WriteString("logPartition", TextPrinter.PrintExplicit(f.LogPartition));
        w.WriteString("logBaseMeasure", f.LogBaseMeasure.ToString());
        w.WriteString("pseudoEntropy", TextPrinter.PrintExplicit(f.PseudoEntropy));
        if (f.Entropy is { } h) w.WriteString("entropy", TextPrinter.PrintExplicit(h));
        else w.WriteNull("entropy");
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
