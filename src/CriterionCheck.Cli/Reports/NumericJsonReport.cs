using System.Text;
using System.Text.Json;
using CriterionCheck.Numerics;

namespace CriterionCheck.Cli.Reports;

/// <summary>The JSON form of <c>numeric</c> and <c>evaluate</c>: the final figures, the parameters in their shapes, the history.</summary>
public static class NumericJsonReport
{
    /// <summary>One JSON object, ending with a newline.</summary>
    public static string Render(NumericRun run)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ModelJsonReport.Options))
        {
            var model = run.Model;
            var check = model.Check;
            w.WriteStartObject();
            w.WriteString("file", check.Model.SourceName);
            w.WriteString("model", check.Model.Title);
            w.WriteString("verdict", CheckTextReport.Name(check.Verdict));
            if (model.Certified is { } formula)
            {
                w.WriteNumber("theorem", formula.Theorem);
                w.WriteStartArray("stationaryIn");
                foreach (var p in formula.StationaryIn) w.WriteStringValue(p);
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("theorem");
                w.WriteNull("stationaryIn");
            }
            w.WriteString("entropySumKind", model.Certified is null ? "candidate (the criterion fails; the sum the theorems would give)" : "certified");
            w.WriteString("method", run.Method);
            w.WriteString("data", run.DataSource);
            w.WriteNumber("n", model.Data.Count);
            Figures(w, run.Final);
            Number(w, "closedForm", run.Final.ClosedForm);
            w.WriteNumber("iterations", run.Training?.History.Length ?? 0);
            w.WriteBoolean("converged", run.Stationary);
            Number(w, "tolerance", run.Tolerance);
            w.WriteBoolean("identityHolds", run.IdentityHolds);
            w.WriteString("stop", run.Training is { } t ? t.Stop switch
            {
                StopReason.Converged => "converged",
                StopReason.IterationLimit => "iterationLimit",
                StopReason.Stalled => "stalled",
                _ => "boundary",
            } : null);
            w.WriteString("boundary", run.Training?.Boundary);
            w.WriteString("diagnosis", run.Diagnosis);
            w.WritePropertyName("params");
            Parameters(w, model.Space, run.Theta);
            if (run.TrueTheta is { } truth)
            {
                w.WritePropertyName("trueParams");
                Parameters(w, model.Space, truth);
            }
            if (run.Training is { } training)
            {
                w.WriteStartArray("history");
                foreach (var record in training.History)
                {
                    w.WriteStartObject();
                    w.WriteNumber("iteration", record.Iteration);
                    w.WriteString("step", record.Step);
                    Figures(w, record.Point);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes θ as an object of blocks, each a number or nested arrays in the block's shape (every entry).</summary>
    public static void Parameters(Utf8JsonWriter w, ParameterSpace space, double[] theta)
    {
        w.WriteStartObject();
        foreach (var range in space.Blocks)
        {
            w.WritePropertyName(range.Block.Name);
            var full = space.FullBlock(range, theta);
            var shape = range.Block.Shape.Select(d => d.Size).ToArray();
            var at = 0;
            Nested(w, full, shape, 0, ref at);
        }
        w.WriteEndObject();
    }

    private static void Nested(Utf8JsonWriter w, double[] values, int[] shape, int depth, ref int at)
    {
        if (depth == shape.Length)
        {
            Value(w, values[at++]);
            return;
        }
        w.WriteStartArray();
        for (var i = 0; i < shape[depth]; i++) Nested(w, values, shape, depth + 1, ref at);
        w.WriteEndArray();
    }

    private static void Figures(Utf8JsonWriter w, PointReport p)
    {
        Number(w, "elbo", p.Elbo);
        Number(w, "entropySum", p.EntropySum);
        Number(w, "gap", p.Gap);
        Number(w, "gradientNorm", p.GradientNorm);
        Number(w, "gradientNormMinimal", p.GradientNormMinimal);
        Number(w, "logLikelihood", p.LogLikelihood);
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        w.WritePropertyName(name);
        if (value is { } v) Value(w, v);
        else w.WriteNullValue();
    }

    // JSON has no NaN or infinity; a value that is not finite is written as null.
    private static void Value(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }
}
