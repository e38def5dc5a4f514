package dev.spotburst.config;

/** An EC2 tag from the config; values may hold {@code {node_name}}, {@code {ip_address}}, {@code {hostname}}. */
public record Tag(String key, String value) {
}
