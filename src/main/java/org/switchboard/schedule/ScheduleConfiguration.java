package org.switchboard.schedule;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleSettings.class)
class ScheduleConfiguration {

	@Bean
	Holidays holidays() {
		return new JollydayHolidays();
	}

}
