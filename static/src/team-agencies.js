// The team builder: the agencies offered follow the chosen inspector's inspectorate, so only
// those their inspectorate judges can be ticked. Progressive enhancement: without this script
// every agency is listed and the server refuses one judged by another inspectorate.
const select = document.getElementById("id_user");
const agencyData = document.getElementById("agency-inspectorates");
const peopleData = document.getElementById("inspector-inspectorates");

if (select && agencyData && peopleData) {
  const judgedBy = JSON.parse(agencyData.textContent);
  const inspectorateOf = JSON.parse(peopleData.textContent);
  const inputs = Array.from(document.querySelectorAll('input[name="agencies"]'));
  const status = document.createElement("p");
  status.className = "govuk-body-s";
  status.setAttribute("role", "status");
  const group = inputs.length ? inputs[0].closest(".govuk-form-group") : null;
  if (group) group.appendChild(status);

  const update = () => {
    const inspectorate = inspectorateOf[select.value];
    let shown = 0;
    for (const input of inputs) {
      const item = input.closest(".govuk-checkboxes__item");
      const offered = inspectorate === undefined || judgedBy[input.value] === inspectorate;
      if (item) item.hidden = !offered;
      if (!offered) input.checked = false;
      if (offered) shown += 1;
    }
    if (inspectorate === undefined) {
      status.textContent = "Choose an inspector to see the agencies their inspectorate judges.";
    } else if (shown === 0) {
      status.textContent = "Their inspectorate judges none of this inspection's agencies.";
    } else {
      status.textContent = `Showing the ${shown} agenc${shown === 1 ? "y" : "ies"} their inspectorate judges.`;
    }
  };
  select.addEventListener("change", update);
  update();
}
