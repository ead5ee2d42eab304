package org.switchboard.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web UI is a small static app under {@code /ui/} (no build step) that speaks only
 * the REST API; these routes lead people to it.
 */
@Configuration(proxyBeanMethods = false)
class WebUiConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/").setViewName("redirect:/ui/");
		registry.addViewController("/ui").setViewName("redirect:/ui/");
		registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
	}

}
