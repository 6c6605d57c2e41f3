import { localSettings } from './local-settings';
import { portVariableOf, servicePorts } from './service-ports';
import { serviceSpecs } from './service-specs';

describe('servicePorts', () => {
  it('keeps 3001-3005 when nothing is set', () => {
    expect(servicePorts({})).toEqual({ 'config-service': 3001, 'assignment-service': 3002, 'analysis-service': 3003, 'deployment-service': 3004, console: 3005 });
  });

  it('counts up from XP_PORT_BASE so that a second stack runs beside the first', () => {
    expect(Object.values(servicePorts({ XP_PORT_BASE: '4000' }))).toEqual([4001, 4002, 4003, 4004, 4005]);
  });

  it('lets one variable per service override the base', () => {
    expect(servicePorts({ XP_PORT_BASE: '4000', DEPLOYMENT_SERVICE_PORT: '5555', CONFIG_SERVICE_PORT: '' })).toEqual({
      'config-service': 4001,
      'assignment-service': 4002,
      'analysis-service': 4003,
      'deployment-service': 5555,
      console: 4005,
    });
    expect(['config-service', 'assignment-service', 'analysis-service', 'deployment-service', 'console'].map((s) => portVariableOf(s as never))).toEqual([
      'CONFIG_SERVICE_PORT',
      'ASSIGNMENT_SERVICE_PORT',
      'ANALYSIS_SERVICE_PORT',
      'DEPLOYMENT_SERVICE_PORT',
      'CONSOLE_PORT',
    ]);
  });

  it('names the variable of a bad value, a base without room, and two services on one port', () => {
    expect(() => servicePorts({ ANALYSIS_SERVICE_PORT: 'http' })).toThrow('ANALYSIS_SERVICE_PORT must be a TCP port number, got "http"');
    expect(() => servicePorts({ XP_PORT_BASE: '65532' })).toThrow('XP_PORT_BASE must leave room for 5 ports');
    expect(() => servicePorts({ ASSIGNMENT_SERVICE_PORT: '3001' })).toThrow('two services on one port: config-service and assignment-service on 3001');
  });

  it('reaches the services: PORT of each, and deployment-service commands the config-service of the same stack', () => {
    const specs = serviceSpecs(localSettings({}), { XP_PORT_BASE: '4000' });
    expect(specs.map((s) => [s.name, s.port, s.env.PORT])).toEqual([
      ['config-service', 4001, '4001'],
      ['assignment-service', 4002, '4002'],
      ['analysis-service', 4003, '4003'],
      ['deployment-service', 4004, '4004'],
      ['console', 4005, '4005'],
    ]);
    expect(specs[3].env.CONFIG_SERVICE_URL).toBe('http://127.0.0.1:4001');
    expect(specs[4].env).toMatchObject({ CONFIG_SERVICE_URL: 'http://127.0.0.1:4001', DEPLOYMENT_SERVICE_URL: 'http://127.0.0.1:4004' });
    expect(serviceSpecs(localSettings({}), { CONFIG_SERVICE_URL: 'http://config.example:80' })[3].env.CONFIG_SERVICE_URL).toBe('http://config.example:80');
  });
});
