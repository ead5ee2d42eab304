package org.switchboard.redis;

import java.net.URI;
import java.util.Optional;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** One pooled Jedis client for the whole instance, and the site's key namespace. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RedisSettings.class, SiteSettings.class })
class RedisConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

	/**
	 * A Redis of this process's own when no URL is configured. The pool depends on it, so
	 * Spring closes the pool, after every bean that writes through it, before it stops
	 * this.
	 */
	@Bean(destroyMethod = "stop")
	@Conditional(NoRedisUrl.class)
	EmbeddedRedis embeddedRedis() {
		EmbeddedRedis embedded = EmbeddedRedis.start();
		log.warn("No switchboard.redis.url configured: using an embedded Redis at {} that keeps nothing on disk; "
				+ "set SWITCHBOARD_REDIS_URL for production", embedded.url());
		return embedded;
	}

	@Bean(destroyMethod = "close")
	UnifiedJedis jedis(RedisSettings settings, Optional<EmbeddedRedis> embedded) {
		URI uri = URI.create(embedded.map(EmbeddedRedis::url).orElseGet(settings::url));
		if (!JedisURIHelper.isValid(uri)
				|| !(JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri))) {
			throw new IllegalArgumentException("switchboard.redis.url is not a redis:// or rediss:// URL: "
					+ uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
		}
		int timeout = (int) settings.timeout().toMillis();
		DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
			.connectionTimeoutMillis(timeout)
			.socketTimeoutMillis(timeout)
			.user(JedisURIHelper.getUser(uri))
			.password(JedisURIHelper.getPassword(uri))
			.database(JedisURIHelper.getDBIndex(uri))
			.ssl(JedisURIHelper.isRedisSSLScheme(uri))
			.clientName("switchboard")
			.build();
		GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
		pool.setMaxTotal(settings.poolSize());
		pool.setMaxIdle(settings.poolSize());
		pool.setMinIdle(0);
		pool.setMaxWait(settings.timeout());
		pool.setTestWhileIdle(true);
		pool.setJmxEnabled(false);
		return new JedisPooled(JedisURIHelper.getHostAndPort(uri), client, pool);
	}

	@Bean
	Keys keys(SiteSettings settings) {
		return new Keys(settings.site());
	}

	/**
	 * No {@code switchboard.redis.url}, or a blank one, as {@link RedisSettings} reads
	 * it.
	 */
	static final class NoRedisUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("switchboard.redis.url");
			return url == null || url.isBlank();
		}

	}

}
