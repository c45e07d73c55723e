'use strict';
// Shared by the dashboard's pages: the access token and one way to read the FHIR API with it.
window.FhirClient = (function () {
  // A token handed over in the URL fragment (never sent to the server in the URL) is kept for this tab only.
  function accessToken() {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (fragment.get('access_token')) {
      sessionStorage.setItem('access_token', fragment.get('access_token'));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return sessionStorage.getItem('access_token');
  }

  /**
   * GET ../fhir/{path}; 401/403 become an Error with the page's login text, other failures an Error naming the
   * path. texts: { loginNeeded, failed } in the page's language.
   */
  async function get(path, accept, texts) {
    const headers = { Accept: accept || 'application/fhir+json' };
    const token = accessToken();
    if (token) { headers.Authorization = 'Bearer ' + token; }
    const response = await fetch('../fhir/' + path, { headers });
    if (response.status === 401 || response.status === 403) { throw new Error(texts.loginNeeded); }
    if (!response.ok) { throw new Error(texts.failed + ' ' + path + ': ' + response.status); }
    return response;
  }

  return { accessToken, get };
})();
