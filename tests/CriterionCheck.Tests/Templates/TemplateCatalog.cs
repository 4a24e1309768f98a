using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// The catalog's checks, each run once per test run (the template tests share them), and the way
/// certificates for every size travel: written with <see cref="CertificateJson.Write(Utf8JsonWriter, Certificate, bool)"/>,
/// edited as JSON, and read back with <see cref="CertificateJson.ReadAny"/> — only public API.
/// </summary>
internal static class TemplateCatalog
{
    // Every catalog spec whose verdict is satisfied (model-specs/README and the README's catalog table).
    public static readonly string[] Satisfied =
    [
        "sigmoid-belief-net.model", "sigmoid-belief-net-2layer.model", "sigmoid-belief-net-3layer.model", "gaussian-decoder.model",
        "gaussian-decoder-diagonal.model", "probabilistic-pca.model", "factor-analysis.model", "gaussian-mixture.model", "gamma-mixture.model",
        "poisson-mixture.model", "bernoulli-mixture.model", "binary-sparse-coding.model", "laplace-sparse-coding.model",
        "vae-bernoulli-linear.model", "poisson-glm.model", "mixture-prior.model",
    ];

    public static readonly string[] Violated = ["fixed-variance-gaussian.model", "standard-pca.model", "poisson-factorization.model", "vae-bernoulli.model"];

    private static readonly ConcurrentDictionary<string, Lazy<ModelCheck>> Checks = new(StringComparer.Ordinal);

    /// <summary>The checked verdict of a catalog spec at its declared sizes, computed once.</summary>
    public static ModelCheck Check(string file) =>
        Checks.GetOrAdd(file, f => new Lazy<ModelCheck>(() => ModelCheck.Run(ModelLoader.Load(RepositoryPaths.Catalog(f))))).Value;

    public static Model Model(string file) => Check(file).Model;

    /// <summary>The template certificate the tool proved for <paramref name="file"/>; the test fails when there is none.</summary>
    public static Certificate Genuine(string file) =>
        Check(file).TemplateCertificate ?? throw new Xunit.Sdk.XunitException($"{file} has no template certificate: {Check(file).SizesReason}");

    /// <summary>A certificate as the JSON object <c>check --json</c> writes for it.</summary>
    public static string Json(Certificate certificate, bool allSizes = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) CertificateJson.Write(w, certificate, allSizes);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The genuine template certificate of <paramref name="file"/> as an editable JSON object.</summary>
    public static JsonObject GenuineJson(string file) => JsonNode.Parse(Json(Genuine(file)))!.AsObject();

    /// <summary>A certificate read back from JSON text, and whether the reader took it for every size.</summary>
    public static (Certificate Certificate, bool AllSizes) Read(Model model, string json)
    {
        var (certificate, witness, allSizes) = CertificateJson.ReadAny(model, new SourceText("certificate.json", json));
        Assert.Null(witness);
        return (certificate ?? throw new Xunit.Sdk.XunitException("no certificate read"), allSizes);
    }

    /// <summary>The group of <paramref name="certificate"/> (JSON) that covers <paramref name="factor"/>.</summary>
    public static JsonObject Group(JsonObject certificate, string factor) =>
        certificate["groups"]!.AsArray().Select(g => g!.AsObject()).SingleOrDefault(g => g["factors"]!.AsArray().Any(f => f!.GetValue<string>() == factor))
        ?? throw new ArgumentException($"no group covers {factor}");

    public static JsonObject Coefficients(JsonObject certificate, string factor) => Group(certificate, factor)["coefficients"]!.AsObject();
}
