using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// The genuine evidence of one spec, as <c>check</c> produces it: the engine's verdict with its
/// certificate (satisfied) or witness (violated), and the same evidence as the file
/// <see cref="CertificateJson"/> writes. Built once per spec and shared by every row that tampers with it.
/// </summary>
/// <param name="Spec">The spec's path relative to the repository root, e.g. <c>model-specs/gaussian-mixture.model</c>.</param>
/// <param name="Path">The spec's absolute path.</param>
/// <param name="Model">The model, loaded once.</param>
/// <param name="Check">The engine's result with the kernel's check.</param>
/// <param name="Json">The certificate or witness as <see cref="CertificateJson"/> writes it (the <c>certificate</c> member of <c>check --json</c>).</param>
public sealed record GenuineEvidence(string Spec, string Path, Model Model, ModelCheck Check, string Json)
{
    private static readonly ConcurrentDictionary<string, Lazy<GenuineEvidence>> Cache = new(StringComparer.Ordinal);

    /// <summary>The certificate, for a satisfied spec.</summary>
    public Certificate? Certificate => Check.Verdict == Verdict.Satisfied ? Check.Result.Certificate : null;

    /// <summary>The witness, for a violated spec.</summary>
    public Witness? Witness => Check.Verdict == Verdict.Violated ? Check.Result.Witness : null;

    /// <summary>The genuine evidence of <paramref name="spec"/> (relative to the repository root), computed once per process.</summary>
    public static GenuineEvidence Of(string spec) => Cache.GetOrAdd(spec, s => new Lazy<GenuineEvidence>(() => Build(s))).Value;

    private static GenuineEvidence Build(string spec)
    {
        var path = System.IO.Path.Combine(TamperingPaths.Root, spec);
        var model = ModelLoader.Load(path);
        var check = ModelCheck.Run(model);
        if (check.Verdict == Verdict.Undecided) throw new InvalidOperationException($"{spec} is undecided: {check.Reason}");
        return new GenuineEvidence(spec, path, model, check, Serialize(model, check.Result.Certificate, check.Result.Witness));
    }

    /// <summary>A certificate or a witness as the JSON text <see cref="CertificateJson"/> writes.</summary>
    public static string Serialize(Model model, Certificate? certificate, Witness? witness)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (certificate is not null) CertificateJson.Write(w, certificate);
            else CertificateJson.Write(w, model, witness ?? throw new ArgumentException("neither a certificate nor a witness"));
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// The number of identities η − Jβ ≡ 0 a certificate of <paramref name="group"/>'s factors must prove: one per
    /// natural parameter of every element, and for a natural parameter indexed by categorical latents one per
    /// combination of their values.
    /// </summary>
    public static int Identities(Model model, IEnumerable<string> group)
    {
        var categorical = model.Factors.Where(f => f.IsCategorical).ToDictionary(f => f.Variable, f => f.Family.Support.Size);
        return model.Factors.Where(f => group.Contains(f.Variable)).SelectMany(f => f.Elements).SelectMany(e => e.NaturalParameters)
            .Sum(eta => eta.Symbols().Select(s => s.Name).Where(categorical.ContainsKey).Distinct().Aggregate(1, (n, c) => n * categorical[c]));
    }

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Locates the repository from the test's output directory (the tampering code is shared by two test projects).</summary>
public static class TamperingPaths
{
    /// <summary>The repository root, the folder holding CriterionCheck.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CriterionCheck.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (CriterionCheck.sln) above " + AppContext.BaseDirectory);
    }
}
