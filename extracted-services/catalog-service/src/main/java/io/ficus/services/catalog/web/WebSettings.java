package io.ficus.services.catalog.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge.
 *
 * @param maxRequestBody request bodies above this answer 413 before they are buffered
 */
@ConfigurationProperties("ficus.web")
record WebSettings(@DefaultValue("64KB") DataSize maxRequestBody) {
}
