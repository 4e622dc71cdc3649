// A long list to pick from (the 153 local authority areas) becomes GOV.UK's accessible
// autocomplete: type a few letters, choose with the keyboard or the pointer. Progressive
// enhancement of a <select data-autocomplete>: the select stays in the form and is what is
// submitted, so without JavaScript the page is the plain select, checked by the server alike.
const library = window.accessibleAutocomplete;

if (library && typeof library.enhanceSelectElement === "function") {
  for (const select of document.querySelectorAll("select[data-autocomplete]")) {
    library.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      dropdownArrow: () => "",
    });
  }
}
