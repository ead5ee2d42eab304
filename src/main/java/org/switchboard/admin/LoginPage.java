package org.switchboard.admin;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * Switchboard's own sign-in page, in place of Spring Security's generic one: it names the
 * product, labels its fields and says plainly why a sign-in failed. The form posts to
 * Spring Security's {@code /login} with the session's CSRF token.
 */
@Controller
class LoginPage {

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>Sign in · Switchboard</title>
			<style>
			body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f5f6f8; font-size: 15px; }
			header { padding: .6em 1.2em; background: #1d2330; color: #fff; }
			main { max-width: 22em; margin: 4em auto; background: #fff; border: 1px solid #d9dde5; border-radius: 6px; padding: 1.5em 2em; }
			h1 { margin: 0 0 .2em; font-size: 1.5em; }
			p { color: #6a7386; margin: 0 0 1.2em; }
			label { display: block; margin: .8em 0 .2em; font-weight: 600; }
			input { font: inherit; width: 100%%; box-sizing: border-box; padding: .35em .5em; }
			button { font: inherit; margin-top: 1.2em; padding: .4em 1.4em; cursor: pointer; }
			.banner { padding: .6em 1em; border-radius: 4px; margin: .5em 0 1em; color: #1d2330; }
			.error { background: #fde7e5; border: 1px solid #f1a19a; }
			.ok { background: #e4f5e9; border: 1px solid #94d3a8; }
			</style>
			</head>
			<body>
			<header><strong>Switchboard</strong></header>
			<main>
			<h1>Sign in to Switchboard</h1>
			<p>Schedules, agents and the live floor of your contact centre.</p>
			%s
			<form method="post" action="/login">
			<label for="username">User name</label>
			<input id="username" name="username" autocomplete="username" required autofocus>
			<label for="password">Password</label>
			<input id="password" name="password" type="password" autocomplete="current-password" required>
			<input type="hidden" name="%s" value="%s">
			<button type="submit">Sign in</button>
			</form>
			</main>
			</body>
			</html>
			""";

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String page(HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String message = "";
		if (request.getParameter("error") != null) {
			message = "<div class=\"banner error\" role=\"alert\">Wrong user name or password.</div>";
		}
		else if (request.getParameter("logout") != null) {
			message = "<div class=\"banner ok\" role=\"status\">You are signed out.</div>";
		}
		return PAGE.formatted(message, HtmlUtils.htmlEscape(token.getParameterName()),
				HtmlUtils.htmlEscape(token.getToken()));
	}

}
