using System.CommandLine;
using System.Text;
using System.Text.Json;
using CriterionCheck.Cli.Reports;
using CriterionCheck.Kernel;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Cli.Commands;

/// <summary>
/// <c>criterion-check verify SPEC CERT.json</c>: re-checks a stored certificate or witness with the
/// kernel alone — no search — so a CI can keep certificates next to its specs and re-verify them in
/// milliseconds. Exit 0 when the kernel accepts, 1 when it rejects (with its reasons), 2 for bad input.
/// </summary>
public static class VerifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "A model spec file (.model)." };
        var certificate = new Argument<string>("CERT") { Description = "A certificate or witness (JSON): the certificate member of check --json, or a whole check --json output." };
        var options = new SpecOptions();
        var command = new Command("verify", "Re-check a stored certificate or witness with the kernel alone.") { spec, certificate };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var model = options.Load(parse, parse.GetValue(spec)!);
            var path = parse.GetValue(certificate)!;
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"{path}: cannot read the file: {e.Message}"); }
            (Certificate? Certificate, Witness? Witness, bool AllSizes) read;
            try { read = CertificateJson.ReadAny(model, new SourceText(path, text)); }
            catch (SpecException e) { throw new InputException(e.Diagnostic); }
            var claim = read.Certificate is not null ? (read.AllSizes ? "satisfied for every size" : "satisfied") : "violated";
            var result = read.Certificate is { } c
                ? read.AllSizes ? TemplateKernel.Check(model, c) : CertificateKernel.Check(model, c)
                : CertificateKernel.Check(model, read.Witness!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(options.Json)) output.Write(Json(model.SourceName, path, claim, result));
            else
            {
                output.WriteLine(result.Accepted
                    ? $"accepted: {model.SourceName} is {claim}, by the kernel alone ({(read.Certificate is not null ? result.Proofs.Describe() : result.Evidence)})"
                    : $"rejected: the {(read.Certificate is not null ? "certificate" : "witness")} in {path} does not show that {model.SourceName} is {claim}:");
                foreach (var problem in result.Problems) output.WriteLine($"  {problem}");
            }
            return result.Accepted ? ExitCodes.Success : ExitCodes.VerdictMismatch;
        });
        return command;
    }

    private static string Json(string spec, string certificate, string claim, KernelResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ModelJsonReport.Options))
        {
            w.WriteStartObject();
            w.WriteString("file", spec);
            w.WriteString("certificate", certificate);
            w.WriteString("claim", claim);
            w.WriteBoolean("accepted", result.Accepted);
            w.WriteNumber("proved", result.Proofs.Total);
            if (result.Evidence is null) w.WriteNull("evidence");
            else w.WriteString("evidence", result.Evidence);
            w.WriteStartArray("problems");
            foreach (var p in result.Problems) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
