package org.switchboard;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The borders of DESIGN.md §3 and STYLE.md, checked on the compiled classes. */
class ModularityTest {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.switchboard");

	@Test
	void onlyTelephonyTalksToAsteriskJava() {
		noClasses().that()
			.resideOutsideOfPackage("org.switchboard.telephony..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.asteriskjava..")
			.check(classes);
	}

	@Test
	void featuresReachAsteriskOnlyThroughTheCallPackage() {
		noClasses().that()
			.resideOutsideOfPackage("org.switchboard.telephony..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.switchboard.telephony..")
			.check(classes);
	}

	@Test
	void theCallPackageIsPlainJavaThatKnowsNoFeatureNorAdapter() {
		classes().that()
			.resideInAPackage("org.switchboard.call..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("org.switchboard.call..", "java..", "org.slf4j..")
			.check(classes);
	}

	@Test
	void schedulesDoNotReachIntoAgents() {
		noClasses().that()
			.resideInAPackage("org.switchboard.schedule..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.switchboard.agent..")
			.check(classes);
	}

	@Test
	void onlyTheIvrUsesSpringStatemachine() {
		noClasses().that()
			.resideOutsideOfPackage("org.switchboard.ivr..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.statemachine..")
			.check(classes);
	}

	@Test
	void onlyRedisAdaptersUseJedis() {
		noClasses().that()
			.resideOutsideOfPackage("org.switchboard.redis..")
			.and()
			.haveSimpleNameNotStartingWith("Redis")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("redis.clients..")
			.check(classes);
	}

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		slices().matching("org.switchboard.(*)..").should().beFreeOfCycles().check(classes);
	}

	/**
	 * Flows and schedules read YAML with one library, Jackson's, whatever it builds on.
	 */
	@Test
	void yamlIsReadThroughJacksonOnly() {
		noClasses().should().dependOnClassesThat().resideInAnyPackage("org.yaml.snakeyaml..").check(classes);
	}

	/** One advice answers every error of the API, and problems are built one way. */
	@Test
	void onlyTheWebPackageWritesTheApisProblems() {
		String web = "org.switchboard.web..";
		noClasses().that()
			.resideOutsideOfPackage(web)
			.should()
			.beAnnotatedWith(RestControllerAdvice.class)
			.orShould()
			.callMethod(ProblemDetail.class, "forStatusAndDetail", HttpStatusCode.class, String.class)
			.orShould()
			.callMethod(ProblemDetail.class, "forStatus", HttpStatusCode.class)
			.orShould()
			.callMethod(ProblemDetail.class, "forStatus", int.class)
			.orShould()
			.callConstructor(ErrorResponseException.class, HttpStatusCode.class, ProblemDetail.class, Throwable.class)
			.orShould()
			.callConstructor(ResponseStatusException.class, HttpStatusCode.class, String.class)
			.check(classes);
		noMethods().that()
			.areDeclaredInClassesThat()
			.resideOutsideOfPackage(web)
			.should()
			.beAnnotatedWith(ExceptionHandler.class)
			.check(classes);
	}

}
