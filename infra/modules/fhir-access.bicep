// Gives the Function App's identity the FHIR Data Contributor role on the FHIR service.

@description('Name of the existing Azure Health Data Services workspace.')
param healthWorkspaceName string

@description('Name of the existing FHIR service in that workspace.')
param fhirServiceName string

@description('The principal (the Function App identity) that reads notes and writes findings.')
param principalId string

@description('Role definition id of FHIR Data Contributor.')
param fhirDataContributorRoleId string

resource workspace 'Microsoft.HealthcareApis/workspaces@2024-03-31' existing = {
  name: healthWorkspaceName
}

resource fhirService 'Microsoft.HealthcareApis/workspaces/fhirservices@2024-03-31' existing = {
  parent: workspace
  name: fhirServiceName
}

resource fhirDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fhirService.id, principalId, fhirDataContributorRoleId)
  scope: fhirService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', fhirDataContributorRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
