package com.vpcflow.monitoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A local endpoint that speaks the AWS JSON 1.1 protocol of KMS ({@code TrentService.Encrypt/Decrypt}), Secrets
 * Manager ({@code secretsmanager.GetSecretValue}) and SSM ({@code AmazonSSM.GetParameter}), for the real SDK clients.
 * KMS really encrypts: AES-256-GCM with the encryption context as additional authenticated data, so a wrong or
 * missing context fails with {@code InvalidCiphertextException} as it does on AWS. Requests must be SigV4-signed.
 */
public final class LocalAwsSecrets implements AutoCloseable {
    public static final String KEY_ID = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    public LocalAwsSecrets() throws IOException, GeneralSecurityException {
        KeyGenerator gen = KeyGenerator.getInstance("AES");
        gen.init(256);
        masterKey = gen.generateKey();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void putSecret(String arn, String value) {
        secrets.put(arn, value);
    }

    public void putSecureParameter(String name, String value) {
        parameters.put(name, value);
    }

    /** The X-Amz-Target of every call received, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            calls.add(target);
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
                error(ex, "MissingAuthenticationTokenException", "Missing Authentication Token");
                return;
            }
            JsonNode req = JSON.readTree(ex.getRequestBody());
            ObjectNode res = JSON.createObjectNode();
            switch (target == null ? "" : target) {
                case "TrentService.Encrypt" -> {
                    byte[] plain =
                            Base64.getDecoder().decode(req.get("Plaintext").asText());
                    res.put("CiphertextBlob", Base64.getEncoder().encodeToString(encrypt(plain, context(req))));
                    res.put("KeyId", KEY_ID);
                    res.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
                }
                case "TrentService.Decrypt" -> {
                    byte[] plain = decrypt(
                            Base64.getDecoder().decode(req.get("CiphertextBlob").asText()), context(req));
                    if (plain == null) {
                        error(ex, "InvalidCiphertextException", null);
                        return;
                    }
                    res.put("Plaintext", Base64.getEncoder().encodeToString(plain));
                    res.put("KeyId", KEY_ID);
                    res.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
                }
                case "secretsmanager.GetSecretValue" -> {
                    String id = req.get("SecretId").asText();
                    String value = secrets.get(id);
                    if (value == null) {
                        error(ex, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                        return;
                    }
                    res.put("ARN", id);
                    res.put("Name", id.substring(id.lastIndexOf(':') + 1));
                    res.put("SecretString", value);
                    res.put("VersionId", "v1");
                }
                case "AmazonSSM.GetParameter" -> {
                    String name = req.get("Name").asText();
                    String value = parameters.get(name);
                    if (value == null) {
                        error(ex, "ParameterNotFound", null);
                        return;
                    }
                    boolean decrypt = req.path("WithDecryption").asBoolean(false);
                    ObjectNode p = res.putObject("Parameter");
                    p.put("Name", name);
                    p.put("Type", "SecureString");
                    // without decryption a SecureString comes back as its ciphertext, as on AWS
                    p.put(
                            "Value",
                            decrypt
                                    ? value
                                    : Base64.getEncoder()
                                            .encodeToString(encrypt(value.getBytes(StandardCharsets.UTF_8), Map.of())));
                    p.put("Version", 1);
                }
                default -> {
                    error(ex, "UnknownOperationException", target);
                    return;
                }
            }
            send(ex, 200, res.toString());
        }
    }

    private static Map<String, String> context(JsonNode req) {
        Map<String, String> c = new TreeMap<>();
        JsonNode ctx = req.get("EncryptionContext");
        if (ctx != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ctx.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                c.put(e.getKey(), e.getValue().asText());
            }
        }
        return c;
    }

    private static byte[] aad(Map<String, String> context) {
        return new TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] encrypt(byte[] plain, Map<String, String> context) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(128, iv));
            c.updateAAD(aad(context));
            byte[] sealed = c.doFinal(plain);
            byte[] keyId = KEY_ID.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(2 + keyId.length + iv.length + sealed.length)
                    .put((byte) 1)
                    .put((byte) keyId.length)
                    .put(keyId)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the blob is not ours or the context does not authenticate. */
    private byte[] decrypt(byte[] blob, Map<String, String> context) {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            if (b.get() != 1) return null;
            byte[] keyId = new byte[b.get()];
            b.get(keyId);
            byte[] iv = new byte[12];
            b.get(iv);
            byte[] sealed = new byte[b.remaining()];
            b.get(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(128, iv));
            c.updateAAD(aad(context));
            return c.doFinal(sealed);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static void error(HttpExchange ex, String type, String message) throws IOException {
        ObjectNode err = JSON.createObjectNode();
        err.put("__type", type);
        if (message != null) err.put("message", message);
        ex.getResponseHeaders().set("X-Amzn-ErrorType", type);
        send(ex, 400, err.toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
