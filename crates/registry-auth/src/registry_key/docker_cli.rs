//! The docker CLI's view of keys and images (`docker/cli`, `cli/config/configfile/file.go`,
//! `cli/config/credentials/file_store.go`): the address an image is looked up under, and how a
//! legacy key is reduced to a host.

use super::DOCKER_HUB_KEY;

/// The server address the docker CLI looks credentials up under (`getAuthConfigKey` and the
/// reference library's `splitDockerDomain`, `docs/docker-cli.md#lookup-key`): `https://index.docker.io/v1/`
/// for Docker Hub, `host[:port]` exactly as written otherwise.
///
/// ```
/// use registry_auth::registry_key::docker_cli::get_auth_config_key;
/// assert_eq!(get_auth_config_key("docker.io/library/alpine"), "https://index.docker.io/v1/");
/// assert_eq!(get_auth_config_key("registry.example.com:5000/app:1"), "registry.example.com:5000");
/// ```
pub fn get_auth_config_key(image: &str) -> String {
    let image = image.trim();
    let Some((domain, _)) = image.split_once('/') else {
        return DOCKER_HUB_KEY.to_owned();
    };
    let is_domain = domain == "localhost" || domain.contains(['.', ':']) || domain.bytes().any(|b| b.is_ascii_uppercase());
    if !is_domain || domain == "docker.io" || domain == "index.docker.io" {
        DOCKER_HUB_KEY.to_owned()
    } else {
        domain.to_owned()
    }
}

/// The docker CLI's `ConvertToHostname` (`docs/docker-cli.md#legacy-keys`): drops a scheme and everything
/// after the first `/`. Case is kept: the CLI compares the result exactly.
pub fn convert_to_hostname(key: &str) -> &str {
    let rest = match key.find("://") {
        Some(i) => {
            let after = &key[i + 3..];
            let host = after.split('/').next().unwrap_or_default();
            // url.Parse's Hostname() drops user info.
            let host = host.rsplit('@').next().unwrap_or_default();
            if !host.is_empty() {
                return host;
            }
            key
        }
        None => key,
    };
    rest.split('/').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_and_lookup_keys() {
        assert_eq!(convert_to_hostname("https://Reg.example.com:5000/v2/"), "Reg.example.com:5000");
        assert_eq!(convert_to_hostname("reg.example.com/ns"), "reg.example.com");
        assert_eq!(convert_to_hostname("https://user@reg.example.com/"), "reg.example.com");
        assert_eq!(get_auth_config_key("Registry.Example.com/app"), "Registry.Example.com");
        assert_eq!(get_auth_config_key("MyOrg/app"), "MyOrg");
        assert_eq!(get_auth_config_key("myorg/app"), DOCKER_HUB_KEY);
    }
}
