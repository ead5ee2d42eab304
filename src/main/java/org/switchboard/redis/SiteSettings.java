package org.switchboard.redis;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The contact centre this instance serves ({@code switchboard.site}); it names the Redis
 * hash tag that keeps all of a site's keys in one cluster slot.
 *
 * @param site lower-case letters, digits and dashes
 */
@Validated
@ConfigurationProperties("switchboard")
public record SiteSettings(@DefaultValue("main") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}",
		message = "must be 1-32 lower-case letters, digits or dashes") String site) {

}
