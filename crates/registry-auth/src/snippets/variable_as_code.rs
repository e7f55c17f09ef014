//! `DOCKER_AUTH_CONFIG` created as code: the GitLab CLI, the REST API and the GitLab Terraform
//! provider. Each follows the variable advice of [`super::variables_to_create`] (Masked and
//! hidden when GitLab accepts the value, Expand off, the chosen type), reads the value from a
//! file, never from a command line, and takes the token from the environment
//! (`docs/variables-as-code.md#the-three-ways`).

use super::quoting::{hcl_string, shell_word, single_line_or, url_segment};
use super::variables::VariableToCreate;
use super::{Snippet, SnippetId};
use super::{SnippetOptions, VariableLevel, VariableType, DEFAULT_GITLAB_PATH};

/// Where the value is saved before any of these run.
pub const VALUE_FILE: &str = "./docker-auth-config.json";

/// What every form needs: where, how, and the advice for the value.
struct Target {
    level: VariableLevel,
    path: String,
    scope: String,
    file: bool,
    /// Masked, and hidden: only set when GitLab accepts the value as masked.
    masked: bool,
}

impl Target {
    fn new(options: &SnippetOptions, variable: &VariableToCreate) -> Self {
        let default_path = match options.variable_level {
            VariableLevel::Project => DEFAULT_GITLAB_PATH,
            VariableLevel::Group => "my-group",
        };
        Target {
            level: options.variable_level,
            path: single_line_or(&options.gitlab_path, default_path),
            scope: single_line_or(&options.environment_scope, "*"),
            file: options.variable_type == VariableType::File,
            masked: variable.masked,
        }
    }

    fn type_value(&self) -> &'static str {
        if self.file {
            "file"
        } else {
            "env_var"
        }
    }

    /// The comment line on masking, so an unmasked variable is never silent.
    fn masking_note(&self) -> &'static str {
        if self.masked {
            "# Masked and hidden, Expand off (raw): as the variables table advises.\n"
        } else {
            "# Not masked: GitLab accepts a masked value only on one line with no spaces (Pretty-print off), 8+ characters.\n"
        }
    }
}

/// `glab variable set`, the value on standard input (glab trims surrounding whitespace).
pub(super) fn glab_variable(options: &SnippetOptions, variable: &VariableToCreate) -> Snippet {
    let t = Target::new(options, variable);
    let mut flags = String::new();
    if t.masked {
        flags.push_str(" --masked --hidden");
    }
    flags.push_str(&format!(" --raw --type {} --scope {}", t.type_value(), shell_word(&t.scope)));
    let target = match t.level {
        VariableLevel::Project => format!("--repo {}", shell_word(&t.path)),
        VariableLevel::Group => format!("--group {}", shell_word(&t.path)),
    };
    // glab talks to GitLab.com unless GITLAB_HOST names the instance (the situation's URL).
    let url = single_line_or(&options.runner.gitlab_url, "https://gitlab.com").trim_end_matches('/').to_owned();
    let host = if url == "https://gitlab.com" { String::new() } else { format!("export GITLAB_HOST={}\n", shell_word(&url)) };
    let text = format!(
        "# Save the DOCKER_AUTH_CONFIG value as {VALUE_FILE} first (umask 077).\n\
         # glab reads the value from standard input and the token from its login or GITLAB_TOKEN.\n\
         {note}\
         {host}\
         glab variable set DOCKER_AUTH_CONFIG{flags} {target} < {VALUE_FILE}\n",
        note = t.masking_note(),
    );
    Snippet::new(SnippetId::GlabVariable, text)
}

/// `POST /projects/:id/variables` (or `/groups/:id/variables`) with a JSON body built by `jq`
/// from the file; the token reaches curl on its standard input.
pub(super) fn api_variable(options: &SnippetOptions, variable: &VariableToCreate) -> Snippet {
    let t = Target::new(options, variable);
    let url = single_line_or(&options.runner.gitlab_url, "https://gitlab.com").trim_end_matches('/').to_owned();
    let collection = match t.level {
        VariableLevel::Project => "projects",
        VariableLevel::Group => "groups",
    };
    let endpoint = format!("{url}/api/v4/{collection}/{}/variables", url_segment(&t.path));
    let body = format!(
        "{{key: \"DOCKER_AUTH_CONFIG\", value: ($value | rtrimstr(\"\\n\")), variable_type: \"{kind}\", masked: {masked}, masked_and_hidden: {masked}, raw: true, protected: false, environment_scope: $scope}}",
        kind = t.type_value(),
        masked = t.masked,
    );
    let text = format!(
        "# Save the DOCKER_AUTH_CONFIG value as {VALUE_FILE} first (umask 077). jq builds the JSON\n\
         # body from the file; GITLAB_TOKEN (api scope) goes to curl on its standard input.\n\
         {note}\
         BODY=\"$(mktemp)\"\n\
         jq --null-input --rawfile value {VALUE_FILE} --arg scope {scope} {program} > \"$BODY\"\n\
         printf 'PRIVATE-TOKEN: %s\\n' \"$GITLAB_TOKEN\" | curl --fail-with-body --header @- --header \"Content-Type: application/json\" --data-binary \"@$BODY\" {endpoint}\n\
         rm -f \"$BODY\"\n",
        note = t.masking_note(),
        scope = shell_word(&t.scope),
        program = shell_word(&body),
        endpoint = shell_word(&endpoint),
    );
    Snippet::new(SnippetId::ApiVariable, text)
}

/// `gitlab_project_variable` / `gitlab_group_variable`, the value from a sensitive input variable.
pub(super) fn terraform_variable(options: &SnippetOptions, variable: &VariableToCreate) -> Snippet {
    let t = Target::new(options, variable);
    let (resource, owner) = match t.level {
        VariableLevel::Project => ("gitlab_project_variable", "project"),
        VariableLevel::Group => ("gitlab_group_variable", "group"),
    };
    let mut text = format!(
        "# The value comes from a sensitive input variable, set from the file, never on a command line:\n\
         #   export TF_VAR_docker_auth_config=\"$(cat {VALUE_FILE})\"\n\
         # The provider reads its token from GITLAB_TOKEN (self-managed: GITLAB_BASE_URL too).\n\
         # Terraform keeps the value in its state: use an encrypted backend.\n\
         {note}\
         variable \"docker_auth_config\" {{\n  type      = string\n  sensitive = true\n}}\n\n\
         resource \"{resource}\" \"docker_auth_config\" {{\n",
        note = t.masking_note(),
    );
    let mut attributes: Vec<(&str, String)> = vec![
        (owner, hcl_string(&t.path)),
        ("key", "\"DOCKER_AUTH_CONFIG\"".into()),
        ("value", "var.docker_auth_config".into()),
        ("variable_type", format!("\"{}\"", t.type_value())),
        ("masked", t.masked.to_string()),
    ];
    if t.masked {
        attributes.push(("hidden", "true".into()));
    }
    attributes.extend([("raw", "true".into()), ("protected", "false".into()), ("environment_scope", hcl_string(&t.scope))]);
    let width = attributes.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    for (name, value) in attributes {
        text.push_str(&format!("  {name:<width$} = {value}\n"));
    }
    text.push_str("}\n");
    Snippet::new(SnippetId::TerraformVariable, text)
}
