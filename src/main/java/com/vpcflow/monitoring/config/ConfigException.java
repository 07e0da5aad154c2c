package com.vpcflow.monitoring.config;

/** Invalid start-up configuration. The message always names the setting and the accepted form. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(String key, String accepted, String got) {
        return new ConfigException("Invalid --" + key + ": expected " + accepted + ", got '" + got + "'");
    }
}
